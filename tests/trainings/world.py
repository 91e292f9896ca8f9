"""The trainings of the shared test world: an active and a retired
training, one certification, and for each organization a completion (with
its certificate file) and a certification held by its administrator, all
recorded by `cam` (Manage Partner Programs)."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from openprm.trainings.services import (
    certification_create,
    certification_issue,
    completion_record,
    training_create,
    training_update,
)
from tests.access.world import World
from tests.factories import as_actor

CODE = "WCERT"
"""The world certification's code."""


def png(size: tuple[int, int] = (4, 4)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG")
    return SimpleUploadedFile("certificate.png", out.getvalue(), content_type="image/png")


def build(world: World) -> None:
    cam = as_actor(world.users["cam"])
    today = timezone.localdate()
    training = training_create(actor=cam, data={"code": "WT-1", "name": "World training"})
    retired = training_create(actor=cam, data={"code": "WT-OLD", "name": "Retired training"})
    retired = training_update(
        actor=cam, training=retired, changes={"is_active": False}, expected_version=1
    )
    certification = certification_create(
        actor=cam,
        data={"code": CODE, "name": "World certification", "validity_months": 12},
        required_trainings=[training.pk],
    )
    world.add("training", "training", training)
    world.add("old_training", "training", retired)
    world.add("certification", "certification", certification)
    for org in ("nw", "co"):
        admin = world.ids[f"{org}_admin"]["partner_contact"][0]
        completion = completion_record(
            actor=cam,
            contact_id=admin,
            training_id=training.pk,
            completed_on=today - dt.timedelta(days=30),
            evidence=png(),
        )
        held = certification_issue(
            actor=cam,
            holder_id=admin,
            certification_id=certification.pk,
            issued_on=today - dt.timedelta(days=20),
        )
        world.add(org, "training_completion", completion)
        world.add(org, "held_certification", held)
