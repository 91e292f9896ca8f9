"""The recruitment records of the shared test world: applications to the
world program in each state the routes act on, and a campaign.

- `app_new`: submitted through the campaign link;
- `app_review`: under review, no duplicate candidate (approvable);
- `app_waiting`: more information requested (its token opens the status page);
- `app_withdraw`: submitted, for the applicant's withdraw button.
"""

from typing import Any

from openprm.recruitment import services
from openprm.recruitment.models import Application
from tests.access.world import World
from tests.factories import as_actor

APPLICATIONS = ("app_new", "app_review", "app_waiting", "app_withdraw")
BASE_URL = "http://testserver"


def applicant(name: str, **extra: Any) -> dict[str, Any]:
    key = name.lower().replace(" ", "")
    return {
        "company_name": f"{name} Systems",
        "country": "DE",
        "website": f"www.{key}.example",
        "first_name": "Ada",
        "last_name": name,
        "email": f"ada@{key}.example",
        **extra,
    }


def build(world: World) -> None:
    cam = as_actor(world.users["cam"])
    campaign = services.campaign_create(
        actor=cam, data={"code": "world-fair", "name": "World fair", "is_active": True}
    )
    world.add("world_campaign", "campaign", campaign)
    for record in APPLICATIONS:
        application = services.application_submit(
            program_code="WORLD",
            data=applicant(record.replace("_", "").title()),
            campaign_code="world-fair" if record == "app_new" else "",
        )
        if record in ("app_review", "app_waiting"):
            services.application_review_start(
                actor=cam, application=application, expected_version=application.version
            )
        if record == "app_waiting":
            services.application_request_info(
                actor=cam,
                application=application,
                message="How many engineers do you employ?",
                expected_version=application.version,
                base_url=BASE_URL,
            )
        world.add(record, "application", Application.objects.get(pk=application.pk))


def token(world: World, record: str) -> str:
    return Application.objects.get(pk=world.ids[record]["application"][-1]).token
