"""The imports of the shared test world: one contacts import `nobody`
uploaded and has not started yet (an import belongs to its uploader)."""

from django.core.files.base import ContentFile

from openprm.imports.services.job_setup import job_create
from tests.access.world import World
from tests.factories import as_actor

FILE = "c.csv"


def build(world: World) -> None:
    job = job_create(
        actor=as_actor(world.users["nobody"]),
        kind="contacts",
        upload=ContentFile(b"Last name,Email\nImported,imported@matrix.example\n", name=FILE),
        name=FILE,
    )
    world.add("own", "import_job", job)
