"""A schema name of the OpenAPI document names one shape. django-ninja
files every operation's schemas under their class names and keeps the last
of two classes that share one, silently: a generated client would read one
app's shape where the other's comes."""

from collections import defaultdict

from pydantic import BaseModel

from openprm.config.api import api


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    components = api.get_openapi_schema()["components"]["schemas"]
    classes: dict[str, set[str]] = defaultdict(set)
    for model in _subclasses(BaseModel):
        if model.__module__.startswith("openprm.") and model.__name__ in components:
            classes[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: sorted(found) for name, found in classes.items() if len(found) > 1}
    assert not shared, f"rename one of each: {shared}"
