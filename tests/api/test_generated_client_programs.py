"""Issue 18, "a generated API client just works", for the program and
background-work families: recruitment campaigns, partner applications,
training completions, certifications held, tiers, downgrade reviews,
territory realignment and imports. Each is read and written through the
generated client as tests/api/test_generated_client_families.py describes."""

import datetime
import importlib
import io
from collections.abc import Callable
from typing import Any

import pytest

from openprm.identity.models import User
from openprm.programs.models import Partnership, Program
from tests.api.family_checks import account_created, acted, refused, versioned
from tests.api.test_generated_client import call, client, client_of, generated, model
from tests.imports.conftest import csv_bytes
from tests.programs.conftest import (
    customer,
    make_partner,
    make_portal_user,
    partnerships,
    products,
    program,
    register,
    two_partners,
    win,
)
from tests.trainings.conftest import catalogue

__all__ = [
    "catalogue",
    "client",
    "client_of",
    "customer",
    "generated",
    "make_partner",
    "make_portal_user",
    "partnerships",
    "products",
    "program",
    "register",
    "two_partners",
    "win",
]

pytestmark = pytest.mark.django_db(transaction=True)


def test_prg_1_10_recruitment_campaigns_and_partner_applications(
    generated: Any, client: Any, live_server: Any, program: Program
) -> None:
    """PRG-1: anyone applies to a public program, from a campaign; PRG-10:
    the channel team reviews, asks for information and rejects with a
    reason, each step guarded by the application's version."""
    campaign = call(
        client,
        "partner_recruitment.campaign_create",
        body=model("CampaignIn")(code="fair-2026", name="Partner fair 2026"),
    )
    assert campaign.status_code == 201, campaign.content
    assert campaign.parsed.is_active
    codes = [c.code for c in call(client, "partner_recruitment.campaign_list").parsed.items]
    assert codes == ["fair-2026"]
    blank = model("CampaignIn")(code="", name="")
    refused(call(client, "partner_recruitment.campaign_create", body=blank))

    public = generated.Client(base_url=live_server.url)
    applied = call(
        public,
        "partner_recruitment.application_submit",
        body=model("ApplicationIn")(
            program_code=program.code,
            campaign_code="fair-2026",
            company_name="Łódź Networks",
            country="PL",
            first_name="Agnieszka",
            last_name="Wójcik",
            email="agnieszka@lodz-networks.example",
        ),
    )
    assert applied.status_code == 201, applied.content
    assert applied.parsed.state.value == "submitted"
    submitted = model("ApplicationState").SUBMITTED
    queue = call(client, "partner_recruitment.application_list", state=submitted).parsed.items
    assert [a.company_name for a in queue] == ["Łódź Networks"]
    application = call(client, "partner_recruitment.application_detail", queue[0].id).parsed
    assert (application.campaign_id, application.program_id) == (campaign.parsed.id, program.pk)

    reviewing = acted(
        client,
        "partner_recruitment.application_review",
        application.id,
        body=lambda v: model("ApplicationVersionIn")(version=v),
        version=application.version,
        output="ApplicationOut",
        changed=lambda out: out.state.value == "under_review",
    )
    again = model("ApplicationVersionIn")(version=reviewing.version)
    repeated = call(client, "partner_recruitment.application_review", application.id, body=again)
    refused(repeated, status=409, code="application_state")
    asked = call(
        client,
        "partner_recruitment.application_request_info",
        application.id,
        body=model("InfoRequestIn")(version=reviewing.version, message="Your VAT number?"),
    ).parsed
    assert (asked.state.value, asked.info_request) == ("info_requested", "Your VAT number?")
    no_reason = model("ApplicationRejectIn")(version=asked.version, reason="")
    refused(call(client, "partner_recruitment.application_reject", application.id, body=no_reason))
    reasons = call(client, "platform.lookup_detail", "PARTNER_APPLICATION_REJECT_REASON").parsed
    region = next(v for v in reasons.values if "region" in v.meaning)
    rejected = call(
        client,
        "partner_recruitment.application_reject",
        application.id,
        body=model("ApplicationRejectIn")(
            version=asked.version, reason=region.code, note="Poland opens next year."
        ),
    ).parsed
    assert (rejected.state.value, rejected.reject_reason) == ("rejected", "OUT_OF_REGION")
    assert rejected.decision_note == "Poland opens next year."


def test_prg_6_12_training_completions_and_certifications_held(
    client: Any,
    client_of: Callable[[User], Any],
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
) -> None:
    """PRG-6: a partner administrator records its own people's trainings,
    never another partner's; PRG-12: a certification held expires after its
    validity and is revoked with a reason."""
    nw_admin = client_of(two_partners["nw_admin"].user)
    rep, other = two_partners["nw_rep"], two_partners["co_rep"]
    training = catalogue["training"]

    def completion(contact_id: int) -> Any:
        body = model("CompletionIn")(
            contact_id=contact_id,
            training_id=training.pk,
            completed_on=datetime.date(2026, 1, 10),
            evidence_reference="https://lms.example/123",
        )
        return call(nw_admin, "trainings.completion_create", body=body)

    made = completion(rep.pk)
    assert made.status_code == 201, made.content
    assert (made.parsed.person, made.parsed.training) == (rep.person.full_name, training.name)
    read = call(nw_admin, "trainings.completion_detail", made.parsed.id).parsed
    assert read.completed_on == datetime.date(2026, 1, 10)
    listed = call(client, "trainings.completion_list", partner=two_partners["nw"].pk).parsed
    assert [c.id for c in listed.items] == [made.parsed.id]
    refused(completion(other.pk), status=404, code="not_found")

    certification = catalogue["certification"]
    issued = datetime.date(2026, 3, 1)

    def hold(**dates: Any) -> Any:
        body = model("HeldIn")(
            holder_id=rep.pk, certification_id=certification.pk, issued_on=issued, **dates
        )
        return call(client, "trainings.held_create", body=body)

    refused(hold(expires_on=datetime.date(2026, 2, 1)), code="expires_before_issue")
    held = hold()
    assert held.status_code == 201, held.content
    assert (held.parsed.certification_code, held.parsed.expires_on) == (
        certification.code,
        datetime.date(2028, 3, 1),
    )
    revoked = acted(
        client,
        "trainings.held_revoke",
        held.parsed.id,
        body=lambda v: model("RevokeIn")(version=v, reason="Audit"),
        version=held.parsed.version,
        output="HeldOut",
        changed=lambda out: out.revoke_reason == "Audit",
    )
    assert revoked.status is model("HeldStatus").REVOKED
    found = call(client, "trainings.held_list", status=model("HeldStatus").REVOKED)
    assert [h.id for h in found.parsed.items] == [held.parsed.id]
    assert call(client, "trainings.held_detail", held.parsed.id).parsed.revoked_on is not None


def test_prg_4_11_tiers_and_downgrade_reviews(
    client: Any,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Any],
) -> None:
    """PRG-4: a tier added at the top of a program's ladder, edited and
    removed; PRG-11: a partner placed above what its figures reach gets a
    downgrade review, which the channel manager waives with a reason."""
    added = call(
        client,
        "programs.tier_create",
        program.pk,
        body=model("TierIn")(name="Platinum", protection_days=240),
    )
    assert added.status_code == 201, added.content
    tier = added.parsed
    assert (tier.rank, tier.program_id, tier.protection_days) == (4, program.pk, 240)
    versioned(
        client,
        "programs.tier_update",
        tier.id,
        body=model("TierUpdateIn")(version=tier.version, benefits="Named account manager"),
        output="TierOut",
        changed=lambda out: out.benefits == "Named account manager",
    )
    refused(call(client, "programs.tier_create", program.pk, body=model("TierIn")(name="")))
    assert call(client, "programs.tier_delete", tier.id).status_code == 204
    ladder = call(client, "programs.program_detail", program.pk).parsed.tiers
    assert [t.name for t in ladder] == ["Registered", "Silver", "Gold"]

    co = partnerships["co"]
    Program.objects.filter(pk=program.pk).update(grace_days=0)
    gold = model("OverrideIn")(
        version=co.version, tier_id=program.tiers.get(name="Gold").pk, reason="Strategic"
    )
    assert call(client, "programs.partnership_override", co.pk, body=gold).status_code == 200
    assert call(client, "programs.program_evaluate", program.pk).status_code == 200
    state = model("DowngradeReviewState")
    waiting = call(client, "programs.review_list", state=state.OPEN).parsed.items
    assert [(r.partnership_id, r.state) for r in waiting] == [(co.pk, state.OPEN)]
    review = waiting[0]
    acted(
        client,
        "programs.review_waive",
        review.id,
        body=lambda v: model("ReasonIn")(version=v, reason="Big deal closing"),
        version=review.version,
        output="ReviewOut",
        changed=lambda out: (out.state, out.reason) == (state.WAIVED, "Big deal closing"),
    )
    closed = model("ReasonIn")(version=review.version + 1, reason="Too late")
    refused(call(client, "programs.review_accept", review.id, body=closed), 409, "review_closed")
    assert call(client, "programs.review_list", state=state.OPEN).parsed.items == []
    done = call(client, "programs.review_list", state=state.WAIVED).parsed.items
    assert [r.id for r in done] == [review.id]


def test_ter_3_territory_realignment(client: Any) -> None:
    """TER-3: an account created before its territory's criteria lands in
    the territory once a realignment has run; its progress is typed."""
    account = account_created(client, "Bayerische Werke")
    territory = call(
        client, "territories.territory_create", body=model("TerritoryIn")(name="DACH")
    ).parsed
    country = model("TerritoryDimension").COUNTRY
    criterion = model("CriterionIn")(dimension=country, value="DE")
    added = call(client, "territories.criterion_add", territory.id, body=criterion)
    assert added.status_code == 201, added.content
    started = call(client, "territories.realignment_start")
    assert started.status_code == 202, started.content
    run = call(client, "territories.realignment_status", started.parsed.id).parsed
    assert isinstance(run, model("RealignmentOut"))
    assert (run.status.value, run.percent, run.error) == ("done", 100, "")
    assert run.assigned >= 1
    held = call(client, "territories.account_territory_list", account.id).parsed
    assert [t.territory_name for t in held] == ["DACH"]
    assert call(client, "territories.realignment_status", run.id + 1).status_code == 404


def test_imp_1_imports_listed_by_status(
    generated: Any, client_of: Callable[[User], Any], sales_admin: User
) -> None:
    """IMP-1: a client uploads a file, finds it among its queued imports,
    starts it and then finds it among the finished ones; an unknown kind is
    refused."""
    api = client_of(sales_admin)
    kinds = {k.code for k in call(api, "imports.import_kind_list").parsed}
    assert {"accounts", "contacts"} <= kinds
    data = csv_bytes(["Account Name", "Billing Country"], [["Société Générale Test", "France"]])
    file_type = importlib.import_module(f"{generated.__name__}.types").File

    def upload(kind: str) -> Any:
        body = model("ImportJobCreateMultiPartBodyParams")(
            file=file_type(payload=io.BytesIO(data), file_name="Account.csv", mime_type="text/csv"),
            kind=kind,
            start=False,
        )
        return call(api, "imports.import_job_create", body=body)

    created = upload("accounts")
    assert created.status_code == 201, created.content
    status = model("ImportJobStatus")
    queued = call(api, "imports.import_job_list", status=status.QUEUED).parsed.items
    assert [j.id for j in queued] == [created.parsed.id]
    assert call(api, "imports.import_job_list", status=status.DONE).parsed.items == []
    started = call(
        api, "imports.import_job_start", created.parsed.id, body=model("ImportStartIn")()
    )
    assert started.status_code == 200, started.content
    job = call(api, "imports.import_job_get", created.parsed.id).parsed
    assert (job.status, job.accepted_rows) == (status.DONE, 1)
    finished = call(api, "imports.import_job_list", status=status.DONE).parsed.items
    assert [j.id for j in finished] == [job.id]
    refused(upload("spaceships"))
