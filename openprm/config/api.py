"""The one NinjaAPI at /api/v1; it mounts the `router` of every OpenPRM app
that has an `api` module, so an app adds endpoints without touching this file."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from openprm.core.apikit.conflicts import stale_in_output_schema
from openprm.core.apikit.openapi import OpenPRMApi
from openprm.core.apikit.parameters import refuse_unusable_parameters
from openprm.core.apikit.parser import SingleValueParser
from openprm.core.apikit.problems import install_problem_handlers
from openprm.identity.auth import SessionAuth, TokenAuth

api = OpenPRMApi(
    title="OpenPRM API",
    version="1",
    description=(
        "Partner Relationship Management. Authenticate with a personal access token "
        "(`Authorization: Bearer oprm_…`, created on your profile page) or the browser "
        "session. Errors are RFC 9457 problem JSON."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs_url="/docs",
    parser=SingleValueParser(),
)
install_problem_handlers(api)
api.add_decorator(refuse_unusable_parameters, mode="operation")
api.add_decorator(stale_in_output_schema(api), mode="operation")

for app_config in apps.get_app_configs():
    if app_config.name.startswith("openprm.") and find_spec(f"{app_config.name}.api"):
        module = import_module(f"{app_config.name}.api")
        api.add_router("", module.router)
