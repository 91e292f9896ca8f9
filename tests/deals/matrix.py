"""The deals' rows of the access matrices that no declaration gives: the
API's writes of registrations and opportunities, and what each deals list,
internal and portal, shows. Every page of the app declares its record and
action, or is a list or a portal page, so its rows are derived.

Who sees what is stated here from the world's facts (tests/deals/world.py)
and the rules, never by asking the selectors:

- a registration: its organization's partner users (PRG-7, drafts
  included); once submitted, the internal users who approve registrations
  or manage partners, and its channel manager (DEAL-2, DEAL-6);
- an opportunity or a lead: the internal users who see its account (the
  owner, `cam`, and whoever sees all sales data, TEAM-5); the partner users
  of the organization it is open to (DEAL-9) or waits for (DEAL-4).
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone

from openprm.core.testing.matrix import html_rows, html_values, json_items
from openprm.deals.models import DealRegistration, Lead, Opportunity
from tests import privileges as p
from tests.access.cases import INTERNAL, PARTNER_USERS, Case, Who, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.deals.world import CUSTOMER_OWNER, LEADS, OPPORTUNITIES, REGISTRATIONS
from tests.partners.matrix import organization_of

CHANNEL_TEAM: Who = (p.APPROVE_DEAL_REGISTRATIONS, p.MANAGE_PARTNERS)
APPROVERS: Who = p.APPROVE_DEAL_REGISTRATIONS
SEES_CUSTOMER: Who = (p.VIEW_ALL_SALES_DATA, frozenset({CUSTOMER_OWNER}))
"""The internal users who see (and, with Full access, edit) the world's deal
customer: its owner and whoever sees all sales data (TEAM-1, TEAM-5)."""


def users_of(org: str | None) -> frozenset[str]:
    return frozenset(a for a in PARTNER_USERS if org is not None and organization_of(a) == org)


def registration_seers(record: str) -> Who:
    """DEAL-2, DEAL-6, PRG-7: who sees one registration of the world."""
    fact = REGISTRATIONS[record]
    own = users_of(fact.org)
    if fact.state == DealRegistration.State.DRAFT:
        return own
    return (CHANNEL_TEAM, frozenset({fact.channel_manager}), own)


def opportunity_seers(record: str) -> Who:
    return (SEES_CUSTOMER, users_of(OPPORTUNITIES[record]))


def lead_seers(record: str) -> Who:
    return (SEES_CUSTOMER, users_of(LEADS[record]))


def _id(world: World, record: str, family: str) -> int:
    return world.ids[record][family][-1]


def _future(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def _lines(world: World) -> list[dict[str, Any]]:
    return [{"product_id": _id(world, "active_product", "product"), "quantity": 1, "amount": "500"}]


def _registration(world: World) -> Mapping[str, Any]:
    return {
        "title": "Umbrella network",
        "customer_name": "Umbrella",
        "country": "US",
        "close_date": _future(30),
        "lines": _lines(world),
    }


def _opportunity(world: World) -> Mapping[str, Any]:
    return {
        "account_id": world.extra["deal_customer"],
        "name": "Matrix deal",
        "close_date": _future(30),
        "lines": _lines(world),
    }


def _approval(world: World) -> Mapping[str, Any]:
    """Approves despite the conflict with Contoso's registration (DEAL-7)."""
    row = DealRegistration.objects.get(pk=_id(world, "nw_pending", "registration"))
    return {
        "version": row.version,
        "account_id": world.extra["deal_customer"],
        "conflict_note": "The customer asked for Northwind",
    }


def _on(record: str, **fields: Any) -> Any:
    return version(DealRegistration, record, "registration", **fields)


def _unrouted_batch(world: World) -> Mapping[str, Any]:
    return {"lead_ids": [_id(world, "unrouted", "lead")]}


NW_PENDING = of("nw_pending", "registration")
NW_APPROVED = of("nw", "registration")
CO_DRAFT = of("co_draft", "registration")
TEAM_DEAL = of("co_team", "opportunity")
ON_TEAM_DEAL = {"allowed": SEES_CUSTOMER, "sees": opportunity_seers("co_team")}

A = "/api/v1"
REG = f"{A}/registrations/{{registration_id}}"
OPP = f"{A}/opportunities/{{opportunity_id}}"
LEAD = f"{A}/leads/{{lead_id}}"
NW_LEAD = of("nw", "lead")
ON_NW_LEAD = {"allowed": users_of("nw"), "sees": lead_seers("nw")}
OPERATIONS = {
    # DEAL-2: partner users register deals for their organization.
    f"POST {A}/registrations": [Case("post", allowed=PARTNER_USERS, ok=201, body=_registration)],
    f"PATCH {REG}": [
        Case(
            "patch",
            CO_DRAFT,
            allowed=users_of("co"),
            sees=registration_seers("co_draft"),
            body=_on("co_draft", title="co Initech renamed"),
        ),
        # Submitted: its partner may change it, but not in this state.
        Case(
            "patch",
            NW_PENDING,
            allowed=users_of("nw"),
            sees=registration_seers("nw_pending"),
            ok=409,
            body=_on("nw_pending", title="nw Globex renamed"),
        ),
    ],
    f"POST {REG}/submit": [
        Case(
            "post",
            CO_DRAFT,
            allowed=users_of("co"),
            sees=registration_seers("co_draft"),
            body=_on("co_draft"),
        )
    ],
    f"POST {REG}/withdraw": [
        Case(
            "post",
            NW_PENDING,
            allowed=users_of("nw"),
            sees=registration_seers("nw_pending"),
            body=_on("nw_pending"),
        )
    ],
    **{
        f"POST {REG}/{decision}": [
            Case(
                "post",
                NW_PENDING,
                allowed=APPROVERS,
                sees=registration_seers("nw_pending"),
                body=body,
            )
        ]
        for decision, body in (
            ("return", _on("nw_pending", note="Which products?")),
            ("reject", _on("nw_pending", reason="NOT_QUALIFIED")),
            ("approve", _approval),
        )
    },
    **{
        f"POST {REG}/{decision}": [
            Case(
                "post",
                NW_APPROVED,
                allowed=APPROVERS,
                sees=registration_seers("nw"),
                body=body,
            )
        ]
        for decision, body in (
            ("extend", _on("nw")),
            ("cancel", _on("nw", note="The customer bought elsewhere")),
        )
    },
    # DEAL-1: internal users open opportunities on accounts they may edit;
    # the create rule refuses partner users before any account is read.
    f"POST {A}/opportunities": [
        Case(
            "post",
            allowed=SEES_CUSTOMER,
            sees=(SEES_CUSTOMER, PARTNER_USERS),
            ok=201,
            body=_opportunity,
        )
    ],
    # DEAL-1: internal users create leads on accounts they see.
    f"POST {A}/leads": [
        Case(
            "post",
            allowed=SEES_CUSTOMER,
            sees=(SEES_CUSTOMER, PARTNER_USERS),
            ok=201,
            body=lambda w: {"account_id": w.extra["deal_customer"], "name": "Matrix lead"},
        )
    ],
    # DEAL-4: the channel managers who see a new lead route it.
    f"POST {LEAD}/route": [
        Case(
            "post",
            of("unrouted", "lead"),
            allowed=p.MANAGE_PARTNERS,
            sees=lead_seers("unrouted"),
            body=version(Lead, "unrouted", "lead"),
        )
    ],
    # DEAL-4: routing a batch needs Manage Partners before any lead is read.
    f"POST {A}/leads/route": [
        Case("post", allowed=p.MANAGE_PARTNERS, body=_unrouted_batch),
    ],
    # DEAL-4, DEAL-8: the organization a lead waits for answers it.
    f"POST {LEAD}/accept": [Case("post", NW_LEAD, **ON_NW_LEAD)],
    f"POST {LEAD}/decline": [
        Case("post", NW_LEAD, **ON_NW_LEAD, ok=204, body={"reason": "No capacity"})
    ],
    f"POST {LEAD}/pass": [Case("post", NW_LEAD, **ON_NW_LEAD, ok=204)],
    # DEAL-9, TEAM-2: whoever may change the deal edits it; Contoso's
    # representative is on its team at View only, so it sees but may not.
    f"PATCH {OPP}": [
        Case(
            "patch",
            TEAM_DEAL,
            **ON_TEAM_DEAL,
            body=version(Opportunity, "co_team", "opportunity", name="World team deal renamed"),
        )
    ],
    f"POST {OPP}/stage": [
        Case(
            "post",
            TEAM_DEAL,
            **ON_TEAM_DEAL,
            body=version(Opportunity, "co_team", "opportunity", stage="proposal"),
        )
    ],
    f"POST {OPP}/lines": [
        Case("post", TEAM_DEAL, **ON_TEAM_DEAL, ok=201, body=lambda w: _lines(w)[0])
    ],
    # DEAL-1: the deal's only line stays (409 `last_line`) for whoever may
    # change the deal; the others are refused before the rule is asked.
    f"DELETE {OPP}/lines/{{line_id}}": [
        Case("delete", of("co_team", "opportunity_line"), **ON_TEAM_DEAL, ok=409)
    ],
    f"POST {OPP}/team": [
        Case(
            "post",
            TEAM_DEAL,
            **ON_TEAM_DEAL,
            ok=201,
            body=lambda w: {"resource_id": w.extra["spare_resource"], "access_level": "edit"},
        )
    ],
    f"DELETE {OPP}/team/{{member_id}}": [
        Case("delete", of("co_team", "opportunity_member"), **ON_TEAM_DEAL, ok=204)
    ],
}

PAGES = {
    # DEAL-4: the leads page's batch button, for those who route leads.
    "deals:lead_route_batch": [
        Case("post", allowed=p.MANAGE_PARTNERS, ok=302, body=_unrouted_batch)
    ],
}


# Lists ------------------------------------------------------------------------------


def seen(world: World, actor: str, family: str, facts: Mapping[str, Any], seers: Any) -> set[str]:
    """The ids of the world's records of `family` the actor sees."""
    return {
        str(_id(world, record, family))
        for record in facts
        if actor in holders(world, seers(record))
    }


def internal_only(expect: Expect) -> Expect:
    """An internal page: partner users get 404 (PRG-7)."""
    return lambda w, a: expect(w, a) if a in INTERNAL else None


def portal_only(expect: Expect) -> Expect:
    """A portal page: internal users get 404."""
    return lambda w, a: expect(w, a) if organization_of(a) is not None else None


def registrations(world: World) -> list[Listed]:
    """The channel team's queue and the API list, one list for everyone."""
    page = reverse("deals:registration_list")
    expect: Expect = lambda w, a: seen(  # noqa: E731
        w, a, "registration", REGISTRATIONS, registration_seers
    )
    return [
        Listed(f"{A}/registrations", json_items(), expect),
        Listed(page, html_rows(r"/deals/registrations/(\d+)/"), internal_only(expect)),
        *exports(page, "ID", internal_only(expect)),
    ]


def portal_registrations(world: World) -> list[Listed]:
    """PRG-7: the organization's own registrations, drafts included."""
    page = reverse("portal:registration_list")
    expect = portal_only(lambda w, a: seen(w, a, "registration", REGISTRATIONS, registration_seers))
    return [
        Listed(page, html_rows(r"/portal/registrations/(\d+)/"), expect),
        *exports(page, "ID", expect),
    ]


def opportunities(world: World) -> list[Listed]:
    page = reverse("deals:opportunity_list")
    expect: Expect = lambda w, a: seen(  # noqa: E731
        w, a, "opportunity", OPPORTUNITIES, opportunity_seers
    )
    return [
        Listed(f"{A}/opportunities", json_items(), expect),
        Listed(page, html_rows(r"/deals/opportunities/(\d+)/"), internal_only(expect)),
        *exports(page, "ID", internal_only(expect)),
    ]


def portal_opportunities(world: World) -> list[Listed]:
    """DEAL-9: the organization's opportunities and those its people work on."""
    page = reverse("portal:opportunity_list")
    expect = portal_only(lambda w, a: seen(w, a, "opportunity", OPPORTUNITIES, opportunity_seers))
    return [
        Listed(page, html_rows(r"opportunity-(\d+)"), expect),
        *exports(page, "ID", expect),
    ]


def leads(world: World) -> list[Listed]:
    page = reverse("deals:lead_list")
    expect: Expect = lambda w, a: seen(w, a, "lead", LEADS, lead_seers)  # noqa: E731
    return [
        Listed(f"{A}/leads", json_items(), expect),
        Listed(page, html_rows(r"/deals/leads/(\d+)/"), internal_only(expect)),
        *exports(page, "ID", internal_only(expect)),
    ]


def portal_leads(world: World) -> list[Listed]:
    """DEAL-4: the leads waiting for the organization's answer."""
    page = reverse("portal:lead_list")
    expect = portal_only(lambda w, a: seen(w, a, "lead", LEADS, lead_seers))
    return [
        Listed(page, html_values("data-testid", r"lead-(\d+)"), expect),
        *exports(page, "ID", expect),
    ]


LISTS: dict[str, ListsOf] = {
    "deals.registrations": registrations,
    "deals.portal_registrations": portal_registrations,
    "deals.opportunities": opportunities,
    "deals.portal_opportunities": portal_opportunities,
    "deals.leads": leads,
    "deals.portal_leads": portal_leads,
}
