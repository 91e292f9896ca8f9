from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "openprm.identity"
    label = "identity"
    verbose_name = "Identity"
    url_prefix = "account/"

    def ready(self) -> None:
        from openprm.identity import selectors  # noqa: F401  registers access scopes
