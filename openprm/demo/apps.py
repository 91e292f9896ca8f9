from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark data: sits above every domain app and calls their
    services, so generated data obeys the same rules as data users enter."""

    name = "openprm.demo"
    label = "demo"
