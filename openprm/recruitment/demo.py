"""Demo recruitment: a campaign, and applications in several states — one
new through the campaign link, one under review whose applicant is already
an account (a duplicate candidate), one waiting for the applicant's answer,
one rejected and one withdrawn. The public page lists the open programs;
when no app seeded one, a small program is made for it."""

from openprm.core.actor import Actor
from openprm.customers.services import account_create
from openprm.demo.context import DemoContext
from openprm.programs.models import Program
from openprm.programs.services import program_create, tier_create
from openprm.recruitment import selectors, services
from openprm.recruitment.models import Application

BASE_URL = "http://localhost:8000/"
APPLICANTS = (
    ("Lumen Networks", "US", "lumen-networks.example", "Grace", "Hopper", "new"),
    ("Baltic Bytes", "DE", "balticbytes.example", "Jonas", "Berg", "duplicate"),
    ("Kiwi Cloudworks", "NZ", "kiwicloud.example", "Aroha", "Ngata", "waiting"),
    ("Tiny Tinkers", "GB", "tinytinkers.example", "Ada", "Byron", "rejected"),
    ("Desert Data", "AE", "desertdata.example", "Omar", "Haddad", "withdrawn"),
)


def _program(actor: Actor) -> Program:
    found = selectors.public_programs().first()
    if found is not None:
        return found
    program = program_create(
        actor=actor,
        data={
            "code": "PARTNER",
            "name": "Partner Program",
            "summary": "Resell, implement and support our networking portfolio.",
            "benefits": "Deal registration with 90 days protection\n"
            "Partner discounts from the first deal\nMarket development funds at Gold",
        },
    )
    for name, margin in (("Registered", 10), ("Silver", 15), ("Gold", 20)):
        tier_create(actor=actor, program=program, data={"name": name, "margin_percent": margin})
    return program


def seed(context: DemoContext) -> None:
    actor = context.records["user:cam"]
    program = _program(actor)
    services.campaign_create(
        actor=actor, data={"code": "spring-expo", "name": "Spring Expo booth", "is_active": True}
    )
    applications: list[Application] = []
    for company, country, domain, first, last, story in APPLICANTS:
        if story == "duplicate":
            account_create(
                actor=actor,
                data={"name": company, "country": country, "account_type": "PROSPECT"},
                confirm_duplicates=True,
            )
        application = services.application_submit(
            program_code=program.code,
            data={
                "company_name": company,
                "country": country,
                "website": f"https://www.{domain}",
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}@{domain}",
                "message": f"{company} would like to resell your portfolio.",
            },
            campaign_code="spring-expo" if story == "new" else "",
        )
        if story in ("duplicate", "waiting", "rejected"):
            services.application_review_start(
                actor=actor, application=application, expected_version=application.version
            )
        if story == "waiting":
            services.application_request_info(
                actor=actor,
                application=application,
                message="How many certified engineers does your team have?",
                expected_version=application.version,
                base_url=BASE_URL,
            )
        elif story == "rejected":
            services.application_reject(
                actor=actor,
                application=application,
                reason="OUT_OF_REGION",
                expected_version=application.version,
            )
        elif story == "withdrawn":
            services.application_withdraw(application=application)
        applications.append(application)
    context.records["applications"] = applications
