"""Panels other apps add to the partner's Program page (PRG-7).

The Program page shows the tier and its conditions (this app), the lead and
opportunity analytics (deals), and the trainings and certifications of the
organization's people (trainings). An app declares `program_panels` on its
AppConfig, tuples of `openprm.core.home.HomeBlock` (area "portal"), and the
page draws those of the installed apps in `order`, as the home page draws
home blocks.
"""

from functools import cache

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from openprm.core.actor import Actor
from openprm.core.home import HomeBlock, ShownBlock


@cache
def collected() -> tuple[HomeBlock, ...]:
    blocks = [
        block
        for config in apps.get_app_configs()
        for block in getattr(config, "program_panels", ())
    ]
    names = [block.name for block in blocks]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ImproperlyConfigured(f"program panels declared twice: {', '.join(repeated)}")
    return tuple(sorted(blocks, key=lambda block: (block.order, block.name)))


def panels_for(*, actor: Actor) -> list[ShownBlock]:
    """The panels a partner user sees, each with its data."""
    return [
        ShownBlock(block, block.read(actor=actor))
        for block in collected()
        if block.area == "portal"
        and (block.privilege is None or actor.has_privilege(block.privilege))
    ]
