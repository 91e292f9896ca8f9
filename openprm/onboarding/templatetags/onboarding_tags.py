"""The checklist's steps for a list cell (the cell gets the row)."""

from django import template

from openprm.onboarding.checklist import StepState, missing
from openprm.partners.models import PartnerProfile

register = template.Library()


@register.filter
def missing_steps(partner: PartnerProfile) -> list[StepState]:
    return missing(partner)
