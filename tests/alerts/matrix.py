"""The alerts' rows of the access matrices that no declaration gives: the
API's writes and the portal's Dismiss, and what each alert list shows
(PRG-8, PRG-7).

- Manage Partner Programs sees and writes every alert; no other internal
  user sees any.
- A partner user sees the running alerts aimed at its organization (at
  all, its program, its tier, itself); another organization's alert and an
  ended one are not found. Only partner users dismiss.
"""

from django.urls import reverse

from openprm.alerts.models import Alert
from openprm.core.testing.matrix import html_rows, html_values, json_items
from tests import privileges as p
from tests.access.cases import INTERNAL, PARTNER_USERS, Case, Who, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.alerts.world import ALERTS, seen_by
from tests.partners.matrix import organization_of

MANAGES = p.MANAGE_PARTNER_PROGRAMS


def seers(record: str) -> Who:
    fact = ALERTS[record]
    users = frozenset(a for a in PARTNER_USERS if fact.running and organization_of(a) in fact.orgs)
    return (MANAGES, users)


def partner_seers(record: str) -> frozenset[str]:
    fact = ALERTS[record]
    return frozenset(a for a in PARTNER_USERS if fact.running and organization_of(a) in fact.orgs)


A = "/api/v1"
OPERATIONS = {
    f"POST {A}/alerts": [
        Case(
            "post",
            allowed=MANAGES,
            ok=201,
            body={"title": "Matrix alert", "starts_on": "2026-01-01", "target": "all"},
        )
    ],
    f"PATCH {A}/alerts/{{alert_id}}": [
        Case(
            "patch",
            of(record, "alert"),
            allowed=MANAGES,
            sees=seers(record),
            body=version(Alert, record, "alert", title="Matrix title"),
        )
        for record in ("nw_alert", "gold_alert", "ended_alert")
    ],
    f"POST {A}/alerts/{{alert_id}}/dismiss": [
        Case(
            "post",
            of(record, "alert"),
            allowed=partner_seers(record),
            sees=seers(record),
            body={},
        )
        for record in ("nw_alert", "gold_alert", "ended_alert")
    ],
}


def _ids(world: World, records: set[str]) -> set[str]:
    return {str(world.ids[record]["alert"][0]) for record in records}


def alerts_seen(world: World, actor: str) -> set[str]:
    if actor in holders(world, MANAGES):
        return _ids(world, set(ALERTS))
    return _ids(world, seen_by(organization_of(actor)))


def alerts(world: World) -> list[Listed]:
    """Every alert to Manage Partner Programs (the page is theirs); through
    the API, a partner user's own running ones."""
    page = reverse("alerts:alert_list")

    def on_page(w: World, a: str) -> set[str] | None:
        return alerts_seen(w, a) if a in holders(w, MANAGES) else None

    return [
        Listed(f"{A}/alerts", json_items(), alerts_seen),
        Listed(page, html_rows(r"/alerts/(\d+)/"), on_page),
        Listed(f"{A}/alerts?active=true", json_items(), _running(alerts_seen)),
        *exports(page, "ID", on_page),
    ]


def _running(expect: Expect) -> Expect:
    def running(w: World, a: str) -> set[str] | None:
        found = expect(w, a)
        if found is None:
            return None
        ended = _ids(w, {record for record, fact in ALERTS.items() if not fact.running})
        return set(found) - ended

    return running


def portal_alerts(world: World) -> list[Listed]:
    """PRG-8: the running alerts aimed at the organization; internal users 404."""
    page = reverse("portal:alert_list")

    def expect(w: World, a: str) -> set[str] | None:
        if a in INTERNAL:
            return None
        return _ids(w, seen_by(organization_of(a)))

    return [
        Listed(page, html_values("data-testid", r"alert-(\d+)"), expect),
        *exports(page, "ID", expect),
    ]


LISTS: dict[str, ListsOf] = {"alerts.alerts": alerts, "alerts.portal_alerts": portal_alerts}
