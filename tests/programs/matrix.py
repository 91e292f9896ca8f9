"""The programs' rows of the access matrices that no declaration gives: the
API's writes, and what each programs list shows.

Stated from the world (tests/programs/world.py) and the rules:

- a program and its tiers: every internal user; a partner user its own
  organization's program (both world partners are in the world program);
- a partnership, its snapshots: the internal users who see the partner
  (PA-1), and the partner's own users (PRG-7);
- a downgrade review: the internal users who see the partner; never a
  partner user;
- every write: Manage Partner Programs (PRG-4, PRG-11).
"""

from typing import Any

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from openprm.programs.models import DowngradeReview, Partnership, Program, Tier
from tests import privileges as p
from tests.access.cases import EVERYONE, INTERNAL, Case, Who, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.partners.matrix import organization_of, partners_seen

MANAGERS: Who = p.MANAGE_PARTNER_PROGRAMS
SEES_PARTNERS: Who = (p.MANAGE_PARTNERS, p.VIEW_ALL_SALES_DATA)


def users_of(org: str) -> frozenset[str]:
    return frozenset(a for a in EVERYONE if organization_of(a) == org)


def partnership_seers(org: str) -> Who:
    return (SEES_PARTNERS, users_of(org))


A = "/api/v1"
PROGRAM = of("program", "program")
GOLD = of("gold_tier", "tier")
ON_PROGRAM = {"allowed": MANAGERS, "sees": EVERYONE}


def _partnership(org: str, **fields: Any) -> Any:
    return version(Partnership, org, "partnership", **fields)


def _tier_name(world: World) -> dict[str, Any]:
    row = Tier.objects.get(pk=world.ids["gold_tier"]["tier"][-1])
    return {"version": row.version, "name": "Gold Plus"}


OPERATIONS = {
    f"POST {A}/programs": [
        Case("post", allowed=MANAGERS, ok=201, body={"code": "NEW", "name": "New Program"})
    ],
    f"PATCH {A}/programs/{{program_id}}": [
        Case(
            "patch",
            PROGRAM,
            **ON_PROGRAM,
            body=version(Program, "program", "program", summary="For resellers"),
        )
    ],
    f"POST {A}/programs/{{program_id}}/tiers": [
        Case("post", PROGRAM, **ON_PROGRAM, ok=201, body={"name": "Platinum"})
    ],
    f"POST {A}/programs/{{program_id}}/evaluate": [Case("post", PROGRAM, **ON_PROGRAM)],
    f"PATCH {A}/tiers/{{tier_id}}": [Case("patch", GOLD, **ON_PROGRAM, body=_tier_name)],
    # PRG-4: a tier partners hold is retired, never deleted.
    f"DELETE {A}/tiers/{{tier_id}}": [Case("delete", GOLD, **ON_PROGRAM, ok=409)],
    f"PUT {A}/tiers/{{tier_id}}/requirements": [
        Case(
            "put",
            GOLD,
            **ON_PROGRAM,
            body={"indicator": "won_deals", "threshold": "3", "window_months": 12},
        )
    ],
    # PRG-3: one partnership per partner; both world partners have one.
    f"POST {A}/partnerships": [
        Case(
            "post",
            allowed=MANAGERS,
            ok=409,
            body=lambda w: {
                "partner_id": w.ids["nw"]["partner"][0],
                "program_id": w.ids["program"]["program"][0],
            },
        )
    ],
    f"PATCH {A}/partnerships/{{partnership_id}}": [
        Case(
            "patch",
            of("nw", "partnership"),
            allowed=MANAGERS,
            sees=partnership_seers("nw"),
            body=_partnership("nw", mdf_eligible=True),
        )
    ],
    f"POST {A}/partnerships/{{partnership_id}}/evaluate": [
        Case("post", of("nw", "partnership"), allowed=MANAGERS, sees=partnership_seers("nw"))
    ],
    f"POST {A}/partnerships/{{partnership_id}}/override": [
        Case(
            "post",
            of("nw", "partnership"),
            allowed=MANAGERS,
            sees=partnership_seers("nw"),
            body=lambda w: {
                **_partnership("nw", reason="Strategic account")(w),
                "tier_id": w.ids["gold_tier"]["tier"][-1],
            },
        )
    ],
    f"POST {A}/partnerships/{{partnership_id}}/score": [
        Case(
            "post",
            of("nw", "partnership"),
            allowed=MANAGERS,
            sees=partnership_seers("nw"),
            body=_partnership("nw", score="7", reason="Joint marketing"),
        )
    ],
    **{
        f"POST {A}/reviews/{{review_id}}/{decision}": [
            Case(
                "post",
                of("co", "review"),
                allowed=MANAGERS,
                sees=(SEES_PARTNERS,),
                body=version(DowngradeReview, "co", "review", reason="Quarter review"),
            )
        ]
        for decision in ("accept", "waive")
    },
}


# Lists ------------------------------------------------------------------------------


def _ids(world: World, family: str, orgs: frozenset[str] | set[str]) -> set[str]:
    return {str(world.ids[org][family][-1]) for org in orgs}


def _own(world: World, actor: str) -> set[str]:
    """The organizations whose partnership the actor sees."""
    return set(partners_seen(world, actor))


def programs(world: World) -> list[Listed]:
    """Every internal user sees the program; each partner user too (its own)."""
    page = reverse("programs:program_list")
    everyone: Expect = lambda w, a: {str(w.ids["program"]["program"][0])}  # noqa: E731
    on_page: Expect = lambda w, a: everyone(w, a) if a in INTERNAL else None  # noqa: E731
    return [
        Listed(f"{A}/programs", json_items(), everyone),
        Listed(page, html_rows(r"/programs/(\d+)/"), on_page),
        *exports(page, "ID", on_page),
    ]


def _internal(expect: Expect) -> Expect:
    """A list page answers internal users only (partner users get 404)."""
    return lambda w, a: expect(w, a) if a in INTERNAL else None


def _page(name: str, family: str, expect: Expect) -> list[Listed]:
    page = reverse(name)
    on_page = _internal(expect)
    return [
        Listed(page, html_rows(rf"{family}-(\d+)"), on_page),
        *exports(page, "ID", on_page),
    ]


def partnerships(world: World) -> list[Listed]:
    """PRG-3: the partnerships of the partners the actor sees."""
    seen: Expect = lambda w, a: _ids(w, "partnership", _own(w, a))  # noqa: E731
    return [
        Listed(f"{A}/partnerships", json_items(), seen),
        *_page("programs:partnership_list", "partnership", seen),
    ]


def snapshots(world: World) -> list[Listed]:
    """PRG-11: the evaluations of the partnerships the actor sees."""
    seen: Expect = lambda w, a: _ids(w, "snapshot", _own(w, a))  # noqa: E731
    return [
        Listed(f"{A}/snapshots", json_items(), seen),
        *_page("programs:snapshot_list", "snapshot", seen),
    ]


def reviews(world: World) -> list[Listed]:
    """Contoso's review, to the internal users who see Contoso."""

    def seen(w: World, actor: str) -> set[str]:
        if actor in holders(w, SEES_PARTNERS):
            return _ids(w, "review", {"co"})
        return set()

    return [
        Listed(f"{A}/reviews", json_items(), seen),
        *_page("programs:review_list", "review", seen),
    ]


LISTS: dict[str, ListsOf] = {
    "programs.programs": programs,
    "programs.partnerships": partnerships,
    "programs.snapshots": snapshots,
    "programs.reviews": reviews,
}
