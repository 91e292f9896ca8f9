"""The platform records of the shared test world: the administrator
`admin` (every privilege), a custom field of the tests' widget record type,
a lookup of the administrators' own with one value, and a finished
background export of `nobody` with its file (IMP-3), a notification and a
saved view of its own. The seeded profile
options are the world's too."""

from django.core.files.base import ContentFile

from openprm.core.customfields.services import custom_field_create
from openprm.core.exporters.models import ExportJob
from openprm.core.lookups.services import lookup_type_create, lookup_value_create
from openprm.core.notifications.models import Notification
from openprm.core.savedviews.services import saved_view_create
from openprm.identity.catalog import ADMINISTRATOR
from tests.access.world import World
from tests.factories import as_actor, make_user

LOOKUP = "MATRIX_KIND"
OPTION = "ZPM_PARTNER_CONTACT_MANDATORY"
FIELD = "matrix_size"


def build(world: World) -> None:
    world.users["admin"] = make_user(ADMINISTRATOR, username="m_admin")
    admin = as_actor(world.users["admin"])
    field = custom_field_create(
        actor=admin,
        record_type="test_widget",
        name=FIELD,
        label="Matrix size",
        field_type="text",
    )
    world.add("own", "custom_field", field)
    kinds = lookup_type_create(actor=admin, code=LOOKUP, name="Matrix kinds")
    world.add(
        "own",
        "lookup_value",
        lookup_value_create(actor=admin, lookup_type=kinds, code="SMALL", meaning="Small"),
    )
    job = ExportJob(
        created_by=world.users["nobody"],
        path="/customers/accounts/",
        query="export=xlsx",
        filename="accounts",
        status=ExportJob.Status.DONE,
    )
    job.file.save("matrix.xlsx", ContentFile(b"PK matrix"), save=False)
    job.save()
    world.add("own", "export_job", job)
    notice = Notification.objects.create(
        recipient=world.users["nobody"], title="Matrix notice", link="/"
    )
    world.add("own", "notification", notice)
    view = saved_view_create(
        actor=as_actor(world.users["nobody"]),
        list_name="deals.registrations",
        name="Matrix view",
        query="state=submitted",
    )
    world.add("own", "saved_view", view)
