"""API shape of the partner setup list (PRG-9)."""

from ninja import Field, Schema

from openprm.onboarding.checklist import missing
from openprm.onboarding.steps import SetupStep
from openprm.partners.models import PartnerStatus


class PartnerSetupOut(Schema):
    id: int
    name: str = Field(..., alias="account.name")
    status: PartnerStatus
    missing: list[SetupStep]

    @staticmethod
    def resolve_missing(partner: object) -> list[SetupStep]:
        """The keys of the steps still to do, in their order."""
        return [state.key for state in missing(partner)]  # type: ignore[arg-type]
