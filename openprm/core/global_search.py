"""The one search box: every app's records found by name as the user types.

Each app declares what it can be searched for as `search_sources` on its
AppConfig (as it declares `nav_items`); core names no domain, so a new app
(deals, programs) adds its group of results without editing core. A
source's selector runs the same indexed name search as the app's list
(`name_search` prefix ranges, core.search) through the access module, so a
partner user finds only its own organization's records and nobody finds a
record they could not open. Each group is counted up to COUNT_CAP: a
two-letter term can match a hundred thousand contacts, and the box needs
to say "1,000+", not to count them all (core.counting).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

from openprm.core.actor import Actor
from openprm.core.counting import COUNT_CAP, capped_count
from openprm.core.home import Area
from openprm.core.search import search_key

MIN_TERM_LENGTH = 2
"""CON-8: the contacts search needs two characters; the box asks the same of all."""


@dataclass(frozen=True)
class Hit:
    """One found record: its name, a line that tells it apart, its page
    and its id (for API clients)."""

    title: str
    detail: str
    url: str
    id: int | None = None


@dataclass(frozen=True)
class Found:
    """What one source found: the first hits and how many match in all
    (counted up to COUNT_CAP + 1, core.counting)."""

    hits: list[Hit] = field(default_factory=list)
    count: int = 0


Finder = Callable[..., Found]


@dataclass(frozen=True)
class SearchSource:
    """A record type the box searches.

    `selector` is the dotted path of `def f(*, actor: Actor, q: str, limit:
    int) -> Found`, reading through the access module; `list_url` the URL
    name of the full list, which reads the same term as `?q=`. A source
    serves the users of its `area`, and only holders of `privilege` when
    one is named."""

    name: str
    label: str | Promise
    selector: str
    list_url: str
    area: Area = "internal"
    privilege: str | None = None
    order: int = 100

    @property
    def find(self) -> Finder:
        return _resolve(self.selector)


@dataclass(frozen=True)
class SearchGroup:
    """The results of one source for one term."""

    source: SearchSource
    hits: list[Hit]
    count: int
    list_url: str

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def label(self) -> str | Promise:
        return self.source.label

    @property
    def capped(self) -> bool:
        """More than COUNT_CAP match; the count then shows as "1,000+"."""
        return self.count > COUNT_CAP


@cache
def _resolve(path: str) -> Finder:
    return import_string(path)


@cache
def collected() -> tuple[SearchSource, ...]:
    sources = [
        source
        for config in apps.get_app_configs()
        for source in getattr(config, "search_sources", ())
    ]
    names = [(source.area, source.name) for source in sources]
    repeated = sorted({name for area, name in names if names.count((area, name)) > 1})
    if repeated:
        raise ImproperlyConfigured(f"search sources declared twice: {', '.join(repeated)}")
    return tuple(sorted(sources, key=lambda source: (source.order, source.name)))


def collect() -> None:
    """Collect and resolve every source at start-up (CoreConfig.ready)."""
    for source in collected():
        try:
            source.find  # noqa: B018  resolves the dotted path
        except ImportError as error:
            raise ImproperlyConfigured(f"search source {source.name!r}: {error}") from error


def searchable(q: str) -> bool:
    return len((q or "").strip()) >= MIN_TERM_LENGTH and bool(search_key(q))


def sources_for(actor: Actor) -> list[SearchSource]:
    if not actor.is_active or (actor.is_partner and actor.partner_id is None):
        return []
    area: Area = "portal" if actor.is_partner else "internal"
    return [
        source
        for source in collected()
        if source.area == area
        and (source.privilege is None or actor.has_privilege(source.privilege))
    ]


def search_everywhere(*, actor: Actor, q: str, limit: int) -> list[SearchGroup]:
    """One group per source the actor may search, in order, with up to
    `limit` hits each; nothing for a term shorter than MIN_TERM_LENGTH."""
    if not searchable(q):
        return []
    term = q.strip()
    groups = []
    for source in sources_for(actor):
        found = source.find(actor=actor, q=term, limit=limit)
        url = f"{reverse(source.list_url)}?{urlencode({'q': term})}"
        groups.append(SearchGroup(source, found.hits, found.count, url))
    return groups


def found_in(rows: QuerySet[Any], *, limit: int, hit: Callable[[Any], Hit]) -> Found:
    """The first `limit` of the ordered `rows` as hits, and how many rows
    match: counted (up to COUNT_CAP + 1, in the database) only when the
    first page is full."""
    first = list(rows[:limit])
    count = len(first)
    if count == limit:
        count = capped_count(rows)
    return Found([hit(row) for row in first], count)
