"""Changing profile options (PLAT-3): administrators only, typed values."""

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.catalog import MANAGE_PROFILE_OPTIONS
from openprm.core.errors import ValidationFailed
from openprm.core.options.models import ProfileOption
from openprm.core.privileges import require_privilege
from openprm.core.records import record_update


def profile_option_update(
    *, actor: Actor, option: ProfileOption, value: str, expected_version: int
) -> ProfileOption:
    require_privilege(actor, MANAGE_PROFILE_OPTIONS)
    value = value.strip()
    allowed = option.allowed_values()
    if allowed and value not in allowed:
        raise ValidationFailed(
            field_errors={"value": [_("Choose one of: %s.") % ", ".join(allowed)]}
        )
    if option.value_type == ProfileOption.ValueType.NUMBER:
        try:
            float(value)
        except ValueError:
            raise ValidationFailed(field_errors={"value": [_("Enter a number.")]}) from None
    if not value:
        raise ValidationFailed(field_errors={"value": [_("This field is required.")]})
    return record_update(
        actor=actor, instance=option, changes={"value": value}, expected_version=expected_version
    )
