"""A public program with two tiers, and applications to it, for the recruitment tests."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.identity.models import User
from openprm.programs.models import Program
from openprm.programs.services import program_create, tier_create
from openprm.recruitment import services
from openprm.recruitment.models import Application
from tests.factories import as_actor
from tests.recruitment.world import BASE_URL, applicant

__all__ = ["BASE_URL", "applicant"]


@pytest.fixture
def program(channel_manager: User) -> Program:
    actor = as_actor(channel_manager)
    found = program_create(
        actor=actor,
        data={
            "code": "RESELL",
            "name": "Reseller Program",
            "summary": "Resell our network gear.",
            "benefits": "Deal protection\nMarket development funds",
        },
    )
    tier_create(actor=actor, program=found, data={"name": "Registered", "margin_percent": 10})
    tier_create(actor=actor, program=found, data={"name": "Gold", "margin_percent": 20})
    return found


@pytest.fixture
def submit(program: Program) -> Callable[..., Application]:
    def build(name: str = "Fabrikam", campaign: str = "", **extra: Any) -> Application:
        return services.application_submit(
            program_code=program.code,
            data=applicant(name, **extra),
            campaign_code=campaign,
            base_url=BASE_URL,
        )

    return build


@pytest.fixture
def reviewed(
    submit: Callable[..., Application], channel_manager: User
) -> Callable[..., Application]:
    """An application under review, started by the channel manager."""

    def build(name: str = "Fabrikam", **extra: Any) -> Application:
        application = submit(name, **extra)
        return services.application_review_start(
            actor=as_actor(channel_manager),
            application=application,
            expected_version=application.version,
        )

    return build
