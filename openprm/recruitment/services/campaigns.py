"""Recruitment campaigns (PRG-10): the codes an application form is
reached by."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_update
from openprm.recruitment.models import Campaign

CAMPAIGN_FIELDS = ("code", "name", "is_active")


def _campaign_values(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(CAMPAIGN_FIELDS))
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    values = dict(data)
    if "code" in values:
        values["code"] = str(values["code"] or "").strip().lower()
    return values


def _code_taken(code: str, exclude: int | None = None) -> None:
    if access.unscoped(Campaign).filter(code=code).exclude(pk=exclude).exists():
        raise ValidationFailed(field_errors={"code": [_("Another campaign has this code.")]})


def campaign_create(*, actor: Actor, data: Mapping[str, Any]) -> Campaign:
    """A campaign whose link brings applications in (PRG-10)."""
    access.require_create(actor, Campaign)
    values = _campaign_values(data)
    _code_taken(values.get("code", ""))
    return record_create(actor=actor, instance=Campaign(**values))


def campaign_update(
    *, actor: Actor, campaign: Campaign, changes: Mapping[str, Any], expected_version: int | None
) -> Campaign:
    """A retired campaign (inactive) keeps its applications; new ones
    through its link record the code but count for no campaign."""
    access.require(actor, "change", campaign)
    values = _campaign_values(changes)
    if "code" in values:
        _code_taken(values["code"], exclude=campaign.pk)
    return record_update(
        actor=actor, instance=campaign, changes=values, expected_version=expected_version
    )
