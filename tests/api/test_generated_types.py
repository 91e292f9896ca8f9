"""Issue 18, "a generated API client just works": a client generated from
/api/v1/openapi.json with openapi-python-client reads typed objects — each
choice as the generated enum named after what it is (`ImportJobStatus`,
`QuoteStatus`), each nested record as a generated class with attributes —
never a bare string or an untyped dict, for import jobs (IMP-1, IMP-2),
quotes (ORD-6), program snapshots (PRG-5, PRG-11), alerts (PRG-8) and the
approver's duplicate candidates (PRG-10). The client is the one
tests/api/test_generated_client.py generates, against the running server."""

import datetime
import importlib
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.runs import job_run
from openprm.partners.services import partner_contact_create
from openprm.programs.models import Partnership, Program
from openprm.recruitment import services as recruitment
from tests.api.test_generated_client import call, client, client_of, generated, model
from tests.catalog.conftest import telemedia
from tests.factories import as_actor
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
from tests.recruitment.world import BASE_URL, applicant

__all__ = [
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
    "telemedia",
    "two_partners",
    "win",
]

pytestmark = pytest.mark.django_db(transaction=True)


def test_imp_1_2_a_generated_client_reads_an_import_job_typed(
    generated: Any, client_of: Callable[[User], Any], sales_admin: User
) -> None:
    """The job's status and phase are enums; its counts are integers; the
    rejected rows and the values left out are records with attributes."""
    api = client_of(sales_admin)
    data = csv_bytes(
        ["Account Name", "Billing Country"],
        [["Müller Maschinenbau GmbH", "Deutschland"], ["Atlantis Trading", "Atlantis"], ["", "US"]],
    )
    upload = importlib.import_module(f"{generated.__name__}.types").File(
        payload=io.BytesIO(data), file_name="Account.csv", mime_type="text/csv"
    )
    body = model("ImportJobCreateMultiPartBodyParams")(
        file=upload,
        kind="accounts",
        mapping='{"Account Name": "name", "Billing Country": "country"}',
        start=False,
    )
    created = call(api, "imports.import_job_create", body=body)
    assert created.status_code == 201, created.content
    waiting = created.parsed
    assert waiting.status is model("ImportJobStatus").QUEUED
    assert waiting.phase is model("ImportJobPhase").ROWS
    assert waiting.existing is model("ImportExisting").SKIP
    assert waiting.missing_customers is model("ImportMissingCustomers").REJECT
    assert isinstance(waiting.created_at, datetime.datetime)

    job_run(ImportJob.objects.get(pk=waiting.id))  # what the worker runs
    job = call(api, "imports.import_job_get", waiting.id).parsed
    assert job.status is model("ImportJobStatus").DONE
    assert job.phase is model("ImportJobPhase").LINKS
    assert (job.accepted_rows, job.rejected_rows, job.warning_count) == (2, 1, 1)
    assert isinstance(job.finished_at, datetime.datetime)
    listed = call(api, "imports.import_job_list").parsed.items
    assert listed[0].status is model("ImportJobStatus").DONE

    rejected = call(api, "imports.import_job_rejects", job.id).parsed.items
    assert isinstance(rejected[0], model("RejectedRowOut"))
    assert rejected[0].line == 4
    assert rejected[0].reasons
    warned = call(api, "imports.import_job_warnings", job.id).parsed.items
    assert isinstance(warned[0], model("RowWarningOut"))
    assert (warned[0].line, warned[0].column, warned[0].value) == (3, "Billing Country", "Atlantis")


def test_ord_6_a_generated_client_reads_a_quote_typed(
    client_of: Callable[[User], Any], two_partners: dict[str, Any], telemedia: dict[str, Any]
) -> None:
    """A quote's status and its lines' kinds are enums; its money is the
    decimal text every other family answers (`"499.00"`), its date a date."""
    api = client_of(two_partners["nw_rep"].user)
    line = model("CartLineIn")(product_id=telemedia["PHONE-X"].pk)
    assert call(api, "portal.cart_line_add", body=line).status_code == 201
    saved = call(api, "portal.cart_save_quote", body=model("CartConfirmIn")())
    assert saved.status_code == 201, saved.content
    quote = call(api, "portal.quote_detail", saved.parsed.id).parsed
    assert isinstance(quote, model("QuoteOut"))
    assert quote.status is model("QuoteStatus").OPEN
    assert quote.lines[0].kind is model("CartLineKind").ITEM
    assert isinstance(quote.valid_until, datetime.date)
    assert Decimal(quote.one_time_total) == Decimal(quote.lines[0].one_time_amount) > 0
    listed = call(api, "portal.quote_list").parsed.items
    assert [(q.number, q.status) for q in listed] == [(quote.number, model("QuoteStatus").OPEN)]


def test_prg_5_11_a_generated_client_reads_a_snapshot_typed(
    client_of: Callable[[User], Any],
    channel_manager: User,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Any],
) -> None:
    """A snapshot's figures and the records it could not count are records
    with attributes (the indicator, its value as decimal text, the records
    counted, the thresholds by tier id), not dictionaries to pick apart."""
    win("nw", "60000")
    broken = win("nw", "90000", currency="")
    api = client_of(channel_manager)
    evaluated = call(api, "programs.program_evaluate", program.pk)
    assert evaluated.status_code == 200, evaluated.content
    nw = partnerships["nw"].pk
    snapshot = call(api, "programs.snapshot_list", partnership=nw).parsed.items[0]
    assert isinstance(snapshot.evaluated_at, datetime.datetime)
    revenue = next(f for f in snapshot.figures if f.indicator == "closed_won_revenue")
    assert isinstance(revenue, model("SnapshotFigureOut"))
    assert (Decimal(revenue.value), revenue.counted, revenue.window_months) == (60000, 1, 12)
    silver = str(program.tiers.get(name="Silver").pk)
    assert Decimal(revenue.thresholds[silver]) == 100000
    uncounted = snapshot.incomplete[0]
    assert isinstance(uncounted, model("UncountedRecordOut"))
    assert (uncounted.record, uncounted.url) == (broken.name, broken.get_absolute_url())
    detail = call(api, "programs.snapshot_detail", snapshot.id).parsed
    assert detail.figures[0].indicator == snapshot.figures[0].indicator
    explained = call(api, "programs.partnership_explanation", nw).parsed
    assert explained.incomplete[0].reason == uncounted.reason


def test_prg_8_a_generated_client_reads_an_alerts_priority_and_audience_typed(
    client: Any,
) -> None:
    """One enum per choice, whichever answer carries it."""
    body = model("AlertIn")(
        title="Price change",
        starts_on=datetime.date.today(),
        target=model("AlertTarget").ALL,
        priority=model("AlertPriority").URGENT,
    )
    created = call(client, "alerts.alert_create", body=body)
    assert created.status_code == 201, created.content
    alert = call(client, "alerts.alert_detail", created.parsed.id).parsed
    assert alert.priority is model("AlertPriority").URGENT
    assert alert.target is model("AlertTarget").ALL
    listed = call(client, "alerts.alert_list").parsed.items
    assert [(a.priority, a.target) for a in listed] == [(alert.priority, alert.target)]


def test_prg_10_a_generated_client_reads_the_approvers_candidates_typed(
    client_of: Callable[[User], Any], channel_manager: User, program: Program
) -> None:
    """The candidates list and the 409 an approval answers both carry
    candidates with a name, a kind and the reasons they matched as enums."""
    account = account_create(
        actor=as_actor(channel_manager),
        data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"},
    )
    application = recruitment.application_submit(
        program_code=program.code, data=applicant("Fabrikam"), base_url=BASE_URL
    )
    api = client_of(channel_manager)
    candidates = call(api, "partner_recruitment.application_candidates", application.pk).parsed
    assert isinstance(candidates[0], model("CandidateOut"))
    assert candidates[0].kind is model("ApplicationCandidateKind").ACCOUNT
    assert (candidates[0].id, candidates[0].name) == (account.pk, "Fabrikam Systems")
    reason = model("ApplicationCandidateReason")
    assert candidates[0].reasons == [reason.NAME_COUNTRY, reason.SIMILAR_NAME]

    version = model("ApplicationVersionIn")(version=application.version)
    reviewed = call(api, "partner_recruitment.application_review", application.pk, body=version)
    approve = model("ApplicationApproveIn")(version=reviewed.parsed.version)
    refused = call(api, "partner_recruitment.application_approve", application.pk, body=approve)
    assert refused.status_code == 409, refused.content
    assert refused.parsed.code == "duplicate_candidates"
    blocking = refused.parsed.candidates[0]
    assert isinstance(blocking, model("CandidateOut"))
    assert (blocking.kind, blocking.name) == (candidates[0].kind, "Fabrikam Systems")
    assert blocking.reasons == candidates[0].reasons


def test_pa_2_prg_7_a_generated_client_reads_partner_and_portal_user_states_typed(
    client_of: Callable[[User], Any], channel_manager: User, two_partners: dict[str, Any]
) -> None:
    """PRG-9: the partner setup list answers each partner's status as
    `PartnerStatus`; PRG-7, PC-2: a portal contact's user state is a
    `PortalUserState` (an invited administrator), and none for a contact
    without a portal user."""
    setup = call(client_of(channel_manager), "partner_setup.partner_setup_list").parsed
    statuses = {p.name: p.status for p in setup.items}
    active = model("PartnerStatus").ACTIVE
    assert statuses == {"Contoso": active, "Northwind": active}

    userless = partner_contact_create(
        actor=as_actor(channel_manager),
        partner=two_partners["nw"],
        data={"first_name": "Åsa", "last_name": "Lindqvist"},
        confirm_duplicates=True,
    )
    portal = client_of(two_partners["nw_rep"].user)
    states = [
        call(portal, "portal.portal_contact", contact.pk).parsed.user_state
        for contact in (two_partners["nw_admin"], userless)
    ]
    assert states == [model("PortalUserState").INVITED, None]
