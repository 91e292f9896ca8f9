"""The programs API: every PRG rule of this app answered with its status
and problem JSON (PRG-3, PRG-4, PRG-5, PRG-7, PRG-11)."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.programs.models import Partnership, Program

pytestmark = pytest.mark.django_db


def _send(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(
        url, json.dumps(body or {}, default=str), content_type="application/json"
    )


def _messages(answer: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for error in answer.json()["errors"]:
        found.setdefault(error["field"], []).append(error["message"])
    return found


@pytest.fixture
def cam(api_client_for: Callable[[User], Client], channel_manager: User) -> Client:
    return api_client_for(channel_manager)


def test_prg_4_the_api_builds_a_ladder_and_refuses_falling_thresholds_and_bad_windows(
    cam: Client,
) -> None:
    created = _send(
        cam, "post", "/api/v1/programs", {"code": "DIST", "name": "Distributor Program"}
    )
    assert created.status_code == 201
    program = created.json()["id"]
    base = f"/api/v1/programs/{program}/tiers"
    assert _send(cam, "post", base, {"name": "Authorized"}).status_code == 201
    silver = _send(
        cam,
        "post",
        base,
        {"name": "Silver", "requirements": [{"indicator": "won_deals", "threshold": "5"}]},
    )
    assert silver.status_code == 201
    falling = _send(
        cam,
        "post",
        base,
        {"name": "Gold", "requirements": [{"indicator": "won_deals", "threshold": "3"}]},
    )
    assert falling.status_code == 422
    assert falling["Content-Type"].startswith("application/problem+json")
    assert "Gold must ask more won deals than Silver" in _messages(falling)["threshold"][0]
    for months in (0, 37):
        window = _send(
            cam,
            "put",
            f"/api/v1/tiers/{silver.json()['id']}/requirements",
            {"indicator": "won_deals", "threshold": "5", "window_months": months},
        )
        assert window.status_code == 422
        assert _messages(window)["window_months"] == ["A window is 1 to 36 months."]
    detail = cam.get(f"/api/v1/programs/{program}").json()
    assert [t["name"] for t in detail["tiers"]] == ["Authorized", "Silver"]
    assert detail["tiers"][1]["requirements"][0]["threshold"] == "5.00"


def test_prg_3_4_a_second_partnership_and_deleting_a_held_tier_answer_409(
    cam: Client,
    program: Program,
    partnerships: dict[str, Partnership],
    two_partners: dict[str, Any],
) -> None:
    second = _send(
        cam,
        "post",
        "/api/v1/partnerships",
        {"partner_id": two_partners["nw"].pk, "program_id": program.pk},
    )
    assert second.status_code == 409
    assert second.json()["code"] == "partnership_exists"
    assert "already has a partnership" in second.json()["detail"]
    entry = program.tiers.get(name="Registered")
    held = cam.delete(f"/api/v1/tiers/{entry.pk}")
    assert held.status_code == 409
    assert held.json()["code"] == "tier_held"


def test_prg_3_a_partnership_status_outside_its_lookup_is_a_field_error(
    cam: Client, partnerships: dict[str, Partnership]
) -> None:
    """The status is a lookup code (administrators add codes, PLAT-4), so the
    API types it as text; a code the lookup does not hold is refused, a
    code it holds is kept."""
    partnership = partnerships["nw"]
    url = f"/api/v1/partnerships/{partnership.pk}"
    body = {"status": "NOT_A_STATUS", "version": partnership.version}
    refused = _send(cam, "patch", url, body)
    assert refused.status_code == 422
    assert "Partnership Statuses" in _messages(refused)["status"][0]
    partnership.refresh_from_db()
    assert partnership.status == "ACTIVE"
    kept = _send(cam, "patch", url, {"status": "SUSPENDED", "version": partnership.version})
    assert kept.status_code == 200
    assert kept.json()["status"] == "SUSPENDED"


def test_prg_5_11_evaluate_explain_and_override_through_the_api(
    cam: Client,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
) -> None:
    win("nw", "60000")
    win("nw", "102000")
    outcome = _send(cam, "post", f"/api/v1/programs/{program.pk}/evaluate").json()
    assert outcome["upgrades"] == 1
    assert _send(cam, "post", f"/api/v1/programs/{program.pk}/evaluate").json()["wrote"] is False
    nw = partnerships["nw"].pk
    explained = cam.get(f"/api/v1/partnerships/{nw}/explanation").json()
    assert explained["tier"] == "Silver"
    assert (
        explained["summary"] == "$88,000 more closed-won revenue and 2 more won deals to reach Gold"
    )
    answer = cam.get(f"/api/v1/snapshots?partnership={nw}")
    assert answer.status_code == 200, answer.content
    snapshots = answer.json()["items"]
    assert snapshots[0]["figures"][0]["counted"] == 2
    version = Partnership.objects.get(pk=nw).version
    no_reason = _send(
        cam,
        "post",
        f"/api/v1/partnerships/{nw}/override",
        {"version": version, "tier_id": program.tiers.get(name="Gold").pk, "reason": ""},
    )
    assert no_reason.status_code == 422
    assert "reason" in _messages(no_reason)


def test_prg_7_a_partner_user_reads_its_own_partnership_only(
    api_client_for: Callable[[User], Client],
    partnerships: dict[str, Partnership],
    two_partners: dict[str, Any],
) -> None:
    nw = api_client_for(two_partners["nw_rep"].user)
    listed = nw.get("/api/v1/partnerships").json()["items"]
    assert [row["id"] for row in listed] == [partnerships["nw"].pk]
    assert nw.get(f"/api/v1/partnerships/{partnerships['co'].pk}").status_code == 404
    assert nw.get(f"/api/v1/partnerships/{partnerships['nw'].pk}/explanation").status_code == 200
    assert nw.get("/api/v1/reviews").json()["items"] == []
