"""Reading profile options, typed for the rules that use them."""

from typing import Any

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.catalog import collected
from openprm.core.errors import NotFound
from openprm.core.options.models import ProfileOption

access.register(ProfileOption)(access.everyone_signed_in)


def profile_option_value(code: str) -> str:
    """The raw value of an option (rules read it as system code, no actor);
    its declared default while the database lacks it."""
    value = access.unscoped(ProfileOption).filter(code=code).values_list("value", flat=True).first()
    if value is None:
        return collected().options[code].default_value
    return value


def profile_option_enabled(code: str) -> bool:
    return profile_option_value(code) == "Yes"


def profile_option_list(*, actor: Actor) -> Any:
    return access.visible(ProfileOption, actor).order_by("code")


def profile_option_get(*, actor: Actor, code: str) -> ProfileOption:
    option = access.visible(ProfileOption, actor).filter(code=code).first()
    if option is None:
        raise NotFound()
    return option
