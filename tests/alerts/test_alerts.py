"""Portal alerts (PRG-8) through the services, the pages and the API:
the refusals with their field messages, who sees which alert (PRG-7),
dismissing per user, and the urgent alert's notification."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from openprm.alerts import selectors
from openprm.alerts.models import Alert
from openprm.alerts.services import alert_create, alert_dismiss, alert_update
from openprm.alerts.urgent import urgent_alerts_notify
from openprm.core.errors import PermissionRefused, ValidationFailed
from openprm.core.notifications.models import Notification
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from tests.alerts.conftest import ids, today
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def refused(call: Callable[[], Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return {k: [str(m) for m in v] for k, v in caught.value.field_errors.items()}


def problem_fields(response: Any) -> dict[str, list[str]]:
    """The field messages of an RFC 9457 problem answer."""
    assert response["Content-Type"].startswith("application/problem+json")
    found: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        found.setdefault(error["field"], []).append(error["message"])
    return found


def test_prg_8_an_alert_ending_before_it_starts_is_refused(
    channel_manager: User, api_client_for: Callable[[User], Client]
) -> None:
    cam = as_actor(channel_manager)
    data = {"title": "Backwards", "starts_on": today(5), "ends_on": today(1), "target": "all"}
    errors = refused(lambda: alert_create(actor=cam, data=data))
    assert errors == {"ends_on": ["An alert cannot end before it starts."]}

    body = {**data, "starts_on": str(data["starts_on"]), "ends_on": str(data["ends_on"])}
    response = api_client_for(channel_manager).post(
        "/api/v1/alerts", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert problem_fields(response) == {"ends_on": ["An alert cannot end before it starts."]}
    assert not Alert.objects.exists()


def test_prg_8_an_alert_aimed_at_nobody_is_refused(
    channel_manager: User, ladder: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    cam = as_actor(channel_manager)
    base = {"title": "To whom?", "starts_on": today()}
    assert refused(lambda: alert_create(actor=cam, data=base)) == {
        "target": ["Choose who the alert is for."]
    }
    for target, field in (("programs", "programs"), ("tiers", "tiers"), ("partners", "partners")):
        errors = refused(lambda t=target: alert_create(actor=cam, data={**base, "target": t}))
        assert list(errors) == [field]
    api = api_client_for(channel_manager)
    response = api.post(
        "/api/v1/alerts",
        json.dumps({"title": "x", "starts_on": str(today()), "target": "partners"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert problem_fields(response) == {"partners": ["Choose at least one partner."]}


def test_prg_8_an_alert_aimed_at_a_tier_of_another_program_is_refused(
    channel_manager: User, ladder: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    cam = as_actor(channel_manager)
    data = {"title": "Gold promo", "starts_on": today(), "target": "tiers"}
    errors = refused(
        lambda: alert_create(
            actor=cam,
            data=data,
            programs=[ladder["program"].pk],
            tiers=[ladder["gold"].pk, ladder["other_tier"].pk],
        )
    )
    assert errors == {"tiers": ["MSP Silver (MSP Program): not a tier of the chosen programs."]}

    response = api_client_for(channel_manager).post(
        "/api/v1/alerts",
        json.dumps(
            {
                **data,
                "starts_on": str(today()),
                "programs": [ladder["program"].pk],
                "tiers": [ladder["other_tier"].pk],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert problem_fields(response) == {
        "tiers": ["MSP Silver (MSP Program): not a tier of the chosen programs."]
    }
    alert = alert_create(actor=cam, data=data, tiers=[ladder["gold"].pk, ladder["other_tier"].pk])
    assert alert.target == "tiers"


def test_prg_8_an_alert_links_to_a_product_or_a_promotion_not_both(
    channel_manager: User, products: dict[str, Any]
) -> None:
    cam = as_actor(channel_manager)
    data = {
        "title": "Two links",
        "starts_on": today(),
        "target": "all",
        "product_id": products["SW-24"].pk,
        "link_url": "https://example.com/promo",
    }
    assert list(refused(lambda: alert_create(actor=cam, data=data))) == ["link_url"]
    del data["link_url"]
    assert alert_create(actor=cam, data=data).product == products["SW-24"]


def test_prg_8_only_manage_partner_programs_writes_alerts(
    two_partners: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    seller = make_user(SALESPERSON, username="seller")
    data = {"title": "Mine", "starts_on": today(), "target": "all"}
    for user in (seller, two_partners["nw_admin"].user):
        with pytest.raises(PermissionRefused):
            alert_create(actor=as_actor(user), data=data)
        response = api_client_for(user).post(
            "/api/v1/alerts",
            json.dumps({**data, "starts_on": str(today())}),
            content_type="application/json",
        )
        assert response.status_code == 403


def test_prg_8_prg_7_a_partner_user_sees_only_the_alerts_aimed_at_it(
    ladder: dict[str, Any],
    two_partners: dict[str, Any],
    make_alert: Callable[..., Alert],
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
) -> None:
    """At all, at its program, at its tier (through its partnership), at
    itself; never another partner's alert, nor one not started or ended."""
    everyone = make_alert("For all")
    program = make_alert("For the program", "programs", programs=[ladder["program"].pk])
    entry = make_alert("For Registered", "tiers", tiers=[ladder["entry"].pk])
    gold = make_alert("For Gold", "tiers", tiers=[ladder["gold"].pk])
    northwind = make_alert("For Northwind", "partners", partners=[two_partners["nw"].pk])
    other_program = make_alert("For MSP", "programs", programs=[ladder["other"].pk])
    make_alert("Not yet", starts_on=today(3))
    make_alert("Over", starts_on=today(-9), ends_on=today(-1))

    nw = as_actor(two_partners["nw_rep"].user)
    co = as_actor(two_partners["co_admin"].user)
    assert set(ids(selectors.portal_alerts(actor=nw))) == {
        everyone.pk, program.pk, entry.pk, northwind.pk,
    }  # fmt: skip
    assert set(ids(selectors.portal_alerts(actor=co))) == {everyone.pk, program.pk, gold.pk}

    web = client_for(two_partners["co_admin"].user)
    assert web.get(reverse("portal:alert_detail", args=[gold.pk])).status_code == 200
    for hidden in (northwind, entry, other_program):
        assert web.get(reverse("portal:alert_detail", args=[hidden.pk])).status_code == 404
        assert web.post(reverse("portal:alert_dismiss", args=[hidden.pk])).status_code == 404
    api = api_client_for(two_partners["co_admin"].user)
    listed = api.get("/api/v1/alerts").json()
    assert {item["id"] for item in listed["items"]} == {everyone.pk, program.pk, gold.pk}
    assert all(item["partners"] is None for item in listed["items"])
    assert api.get(f"/api/v1/alerts/{northwind.pk}").status_code == 404
    page = web.get(reverse("portal:alert_list")).content.decode()
    assert "For Gold" in page
    assert "For Northwind" not in page


def test_prg_8_the_portal_home_shows_the_alerts_the_most_urgent_first(
    ladder: dict[str, Any],
    two_partners: dict[str, Any],
    make_alert: Callable[..., Alert],
    client_for: Callable[[User], Client],
) -> None:
    info = make_alert("Plain news")
    urgent = make_alert("Outage tonight", priority="urgent")
    important = make_alert("Price change", priority="important")
    response = client_for(two_partners["nw_rep"].user).get(reverse("home"))
    shown = next(b for b in response.context["blocks"] if b.name == "portal_alerts")
    assert ids(shown.data["alerts"]) == [urgent.pk, important.pk, info.pk]
    page = response.content.decode()
    assert page.index("Outage tonight") < page.index("Price change") < page.index("Plain news")
    assert page.index('data-testid="home-portal_alerts"') < page.index("home-organization")


def test_prg_8_a_dismissed_alert_stays_dismissed_for_that_user_only(
    ladder: dict[str, Any],
    two_partners: dict[str, Any],
    make_alert: Callable[..., Alert],
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
) -> None:
    alert = make_alert("Spring promotion")
    admin, rep = two_partners["nw_admin"].user, two_partners["nw_rep"].user
    web = client_for(admin)
    answer = web.post(reverse("portal:alert_dismiss", args=[alert.pk]), {"back": "home"})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("home")
    home = web.get(reverse("home")).content.decode()
    assert "is dismissed" in home
    assert f'data-testid="alert-{alert.pk}"' not in web.get(reverse("home")).content.decode()
    listed = web.get(reverse("portal:alert_list")).content.decode()
    assert f'data-testid="dismissed-{alert.pk}"' in listed

    alert_dismiss(actor=as_actor(admin), alert=alert)
    assert alert.dismissals.count() == 1
    assert (
        f'data-testid="alert-{alert.pk}"' in client_for(rep).get(reverse("home")).content.decode()
    )
    api = api_client_for(rep)
    dismissed = api.post(f"/api/v1/alerts/{alert.pk}/dismiss")
    assert dismissed.status_code == 200
    assert dismissed.json()["dismissed"] is True
    assert alert.dismissals.count() == 2


def test_prg_8_the_channel_team_does_not_dismiss(
    channel_manager: User, make_alert: Callable[..., Alert]
) -> None:
    alert = make_alert("Internal view")
    with pytest.raises(PermissionRefused):
        alert_dismiss(actor=as_actor(channel_manager), alert=alert)


def test_prg_8_an_urgent_alert_notifies_the_targeted_administrators_once(
    ladder: dict[str, Any],
    two_partners: dict[str, Any],
    make_alert: Callable[..., Alert],
    settings: Any,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    urgent = make_alert("Gold outage", "tiers", tiers=[ladder["gold"].pk], priority="urgent")
    make_alert("Later", priority="urgent", starts_on=today(2))
    make_alert("Calm", priority="important")
    mail.outbox.clear()

    assert urgent_alerts_notify() == 1
    notified = Notification.objects.filter(title="Urgent: Gold outage")
    assert [n.recipient for n in notified] == [two_partners["co_admin"].user]
    assert notified[0].link == reverse("portal:alert_detail", args=[urgent.pk])
    assert [m.to for m in mail.outbox] == [["co-admin@partner.example"]]
    urgent.refresh_from_db()
    assert urgent.notified_at is not None

    assert urgent_alerts_notify() == 0
    assert Notification.objects.filter(title="Urgent: Gold outage").count() == 1


def test_prg_8_editing_an_alert_checks_it_again(
    channel_manager: User, ladder: dict[str, Any], make_alert: Callable[..., Alert]
) -> None:
    cam = as_actor(channel_manager)
    alert = make_alert("Moving", "programs", programs=[ladder["program"].pk])
    errors = refused(
        lambda: alert_update(
            actor=cam, alert=alert, changes={"target": "tiers"}, expected_version=alert.version
        )
    )
    assert errors == {"tiers": ["Choose at least one tier."]}
    saved = alert_update(
        actor=cam,
        alert=alert,
        changes={"target": "tiers"},
        tiers=[ladder["gold"].pk],
        expected_version=alert.version,
    )
    assert (saved.target, saved.version) == ("tiers", 2)
    assert ids(saved.tiers.all()) == [ladder["gold"].pk]


def test_prg_8_the_channel_team_lists_filters_and_writes_alerts_on_its_pages(
    channel_manager: User,
    ladder: dict[str, Any],
    make_alert: Callable[..., Alert],
    client_for: Callable[[User], Client],
) -> None:
    running = make_alert("Running", priority="urgent")
    ended = make_alert("Ended", starts_on=today(-9), ends_on=today(-2))
    web = client_for(channel_manager)
    links = {
        pk: f'href="{reverse("alerts:alert_detail", args=[pk])}"' for pk in (running.pk, ended.pk)
    }

    def listed(query: str) -> set[int]:
        page = web.get(reverse("alerts:alert_list") + query).content.decode()
        return {pk for pk, link in links.items() if link in page}

    assert listed("") == {running.pk, ended.pk}
    assert listed("?active=true") == {running.pk}
    assert listed("?active=false") == {ended.pk}
    assert listed("?priority=urgent&target=all") == {running.pk}
    assert listed("?target=partners") == set()

    form = {
        "title": "Backwards",
        "priority": "info",
        "starts_on": str(today(3)),
        "ends_on": str(today(1)),
        "target": "tiers",
        "programs": [ladder["program"].pk],
        "tiers": [ladder["other_tier"].pk],
    }
    answer = web.post(reverse("alerts:alert_create"), form)
    assert answer.status_code == 200
    assert answer.context["form"].errors == {
        "ends_on": ["An alert cannot end before it starts."],
        "tiers": ["MSP Silver (MSP Program): not a tier of the chosen programs."],
    }
    form.update(ends_on=str(today(9)), tiers=[ladder["gold"].pk])
    answer = web.post(reverse("alerts:alert_create"), form)
    assert answer.status_code == 302
    created = Alert.objects.get(title="Backwards")
    detail = web.get(answer["Location"]).content.decode()
    assert "Main Program · Gold" in detail

    edit = reverse("alerts:alert_edit", args=[created.pk])
    assert web.get(edit).status_code == 200
    answer = web.post(edit, {**form, "title": "Forwards", "version": created.version})
    assert answer.status_code == 302
    created.refresh_from_db()
    assert created.title == "Forwards"
    seller = make_user(SALESPERSON, username="seller")
    assert client_for(seller).get(reverse("alerts:alert_list")).status_code == 403
