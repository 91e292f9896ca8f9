"""The blocks of the home pages, contributed by the apps.

A salesperson's home shows its accounts and contacts, a channel manager's
its partners and what waits for it, an administrator's the health of the
system, a partner user's its organization. Listing those in core's view
would make core name every app; instead an app declares `home_blocks` on
its AppConfig (as it declares `nav_items` and `record_tabs`), and the home
page draws the blocks of the installed apps that the actor may see, in
`order`. A later app (deals, programs) adds its widget without editing core.

A block names its selector and template by dotted path and template name,
so apps.py imports no models; `collect()` resolves them when Django starts,
so a misspelt path stops start-up instead of a home page.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from openprm.core.actor import Actor

Area = Literal["internal", "portal"]
BlockSelector = Callable[..., Mapping[str, Any]]


@dataclass(frozen=True)
class HomeBlock:
    """One block of a home page.

    `selector` is the dotted path of `def f(*, actor: Actor) -> Mapping`:
    the block's data, read through the access module; `template` draws it
    from `data` and shows an empty state that says what the block holds and
    offers the first action. The block shows on the home of its `area`
    (internal users or partner users) to actors holding `privilege`, when
    one is named. `width` is the block's grid column class."""

    name: str
    label: str | Promise
    selector: str
    template: str
    area: Area = "internal"
    privilege: str | None = None
    order: int = 100
    width: str = "col-md-6"

    @property
    def read(self) -> BlockSelector:
        return _resolve(self.selector)


@dataclass(frozen=True)
class ShownBlock:
    """A block with the data its selector read for one actor."""

    block: HomeBlock
    data: Mapping[str, Any]

    @property
    def name(self) -> str:
        return self.block.name

    @property
    def label(self) -> str | Promise:
        return self.block.label

    @property
    def template(self) -> str:
        return self.block.template

    @property
    def width(self) -> str:
        return self.block.width


@cache
def _resolve(path: str) -> BlockSelector:
    return import_string(path)


@cache
def collected() -> tuple[HomeBlock, ...]:
    """Every installed app's blocks, in order (then by name)."""
    blocks = [
        block for config in apps.get_app_configs() for block in getattr(config, "home_blocks", ())
    ]
    names = [block.name for block in blocks]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ImproperlyConfigured(f"home blocks declared twice: {', '.join(repeated)}")
    return tuple(sorted(blocks, key=lambda block: (block.order, block.name)))


def collect() -> None:
    """Collect and resolve every block at start-up (CoreConfig.ready)."""
    for block in collected():
        try:
            block.read  # noqa: B018  resolves the dotted path
        except ImportError as error:
            raise ImproperlyConfigured(f"home block {block.name!r}: {error}") from error


def blocks_for(*, actor: Actor) -> list[ShownBlock]:
    """The blocks `actor` sees on its home page, each with its data. A
    partner user without an organization sees none: every portal block is
    about its organization."""
    if not actor.is_active or (actor.is_partner and actor.partner_id is None):
        return []
    area: Area = "portal" if actor.is_partner else "internal"
    return [
        ShownBlock(block, block.read(actor=actor))
        for block in collected()
        if block.area == area and (block.privilege is None or actor.has_privilege(block.privilege))
    ]
