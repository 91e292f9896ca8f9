"""Rules about the code itself, so a new model or handler cannot slip past
the conventions of DESIGN.md unnoticed."""

import re
from pathlib import Path

import pytest
from django.apps import apps

import openprm
from openprm.config import urls  # noqa: F401  loads every app's API and its scopes
from openprm.core import access

PACKAGE = Path(openprm.__file__).parent
DIRECT_WRITE = re.compile(r"\.save\(|\.objects\.create\(|\.delete\(\)")


def test_every_model_has_an_access_scope() -> None:
    """Fail closed: a concrete model of an OpenPRM app without a registered
    scope could not be listed safely, so CI refuses it."""
    registered = access.registered_models()
    missing = sorted(
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("openprm.")
        for model in config.get_models()
        if not model._meta.abstract and model not in registered
    )
    assert not missing, f"register an access scope for: {', '.join(missing)}"


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name in ("views.py", "api.py") or p.parent.name == "views"
    ),
)
def test_handlers_do_not_write_directly(path: str) -> None:
    """Views and API handlers call services; only services write (DESIGN.md)."""
    source = (PACKAGE / path).read_text()
    offending = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), start=1)
        if DIRECT_WRITE.search(line)
    ]
    assert not offending, f"{path} writes directly:\n" + "\n".join(offending)
