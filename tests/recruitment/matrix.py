"""The recruitment rows of the access matrices that no declaration gives:
the public pages (no sign-in; a partner user is a partner already, so they
answer it 404), the API's decisions and campaign writes, and what the
applications and campaigns lists show.

Who sees what is stated from the rule (PRG-10): applications and campaigns
are the business of internal users holding Approve Partner Applications;
nobody else sees any of them. The public API (apply, status by token) is
exempt from the matrices (tests/access/routes.py) and tested in
tests/recruitment/test_api.py.
"""

from django.urls import reverse

from openprm.core.testing.matrix import html_rows, json_items
from openprm.recruitment.models import Application
from tests import privileges as p
from tests.access.cases import Case, Who, const, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.deals.matrix import internal_only
from tests.recruitment.world import APPLICATIONS, token

APPROVERS: Who = p.APPROVE_PARTNER_APPLICATIONS
DECIDES = {"allowed": APPROVERS, "sees": APPROVERS}


def _token(record: str) -> object:
    return lambda world: (token(world, record),)


PAGES = {
    "portal:become_partner": [Case("get")],
    "portal:apply": [Case("get", const("WORLD"))],
    "portal:application_status": [Case("get", _token("app_waiting"))],
    # An empty answer goes back to the status page with a message.
    "portal:application_answer": [Case("post", _token("app_waiting"), ok=302)],
    "portal:application_withdraw": [Case("post", _token("app_withdraw"), ok=302)],
}


def _on(record: str, **fields: object) -> object:
    return version(Application, record, "application", **fields)


A = "/api/v1"
APP = f"{A}/partner-applications/{{application_id}}"
OPERATIONS = {
    f"POST {APP}/review": [
        Case("post", of("app_new", "application"), **DECIDES, body=_on("app_new"))
    ],
    f"POST {APP}/request-info": [
        Case(
            "post",
            of("app_review", "application"),
            **DECIDES,
            body=_on("app_review", message="Which regions do you cover?"),
        )
    ],
    # Not a duplicate candidate of the applicant: refused with the field's message.
    f"POST {APP}/link": [
        Case(
            "post",
            of("app_review", "application"),
            **DECIDES,
            ok=422,
            body=lambda w: {
                "version": Application.objects.get(
                    pk=w.ids["app_review"]["application"][-1]
                ).version,
                "account_id": w.ids["nw"]["partner_account"][-1],
            },
        )
    ],
    f"POST {APP}/approve": [
        Case("post", of("app_review", "application"), **DECIDES, body=_on("app_review"))
    ],
    f"POST {APP}/reject": [
        Case(
            "post", of("app_new", "application"), **DECIDES, body=_on("app_new", reason="NOT_A_FIT")
        )
    ],
    f"POST {A}/recruitment-campaigns": [
        Case("post", allowed=APPROVERS, ok=201, body={"code": "spring", "name": "Spring"})
    ],
}


def _all(world: World, family: str, records: tuple[str, ...]) -> set[str]:
    return {str(world.ids[record][family][-1]) for record in records}


def applications(world: World) -> list[Listed]:
    """Every application to the approvers; the list is refused to everyone else."""
    page = reverse("recruitment:application_list")
    expect: Expect = lambda w, a: (  # noqa: E731
        _all(w, "application", APPLICATIONS) if a in holders(w, APPROVERS) else None
    )
    return [
        Listed(f"{A}/partner-applications", json_items(), expect),
        Listed(page, html_rows(r"/recruitment/applications/(\d+)/"), internal_only(expect)),
        *exports(page, "ID", internal_only(expect)),
    ]


def campaigns(world: World) -> list[Listed]:
    page = reverse("recruitment:campaign_list")
    expect: Expect = lambda w, a: (  # noqa: E731
        _all(w, "campaign", ("world_campaign",)) if a in holders(w, APPROVERS) else None
    )
    return [
        Listed(f"{A}/recruitment-campaigns", json_items(), expect),
        Listed(page, html_rows(r"/recruitment/campaigns/(\d+)/"), internal_only(expect)),
    ]


LISTS: dict[str, ListsOf] = {
    "recruitment.applications": applications,
    "recruitment.campaigns": campaigns,
}
