"""Two partners with portal users, a training and a certification, for the
trainings tests."""

from typing import Any

import pytest

from openprm.identity.models import User
from openprm.trainings.services import certification_create, training_create
from tests.factories import as_actor
from tests.imports.conftest import run_import
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "run_import", "two_partners"]

CODE = "NCA"


@pytest.fixture
def catalogue(channel_manager: User) -> dict[str, Any]:
    actor = as_actor(channel_manager)
    training = training_create(
        actor=actor, data={"code": "net-101", "name": "Networking fundamentals", "topic": "LAN"}
    )
    certification = certification_create(
        actor=actor,
        data={"code": CODE, "name": "Network Certified Associate", "validity_months": 24},
        required_trainings=[training.pk],
    )
    return {"training": training, "certification": certification}
