from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A record type used only by the tests, to prove platform mechanisms
    (custom fields, versions, audit, access) apart from any domain app."""

    name = "tests.testapp"
    label = "testapp"

    def ready(self) -> None:
        from tests.testapp import models  # noqa: F401
