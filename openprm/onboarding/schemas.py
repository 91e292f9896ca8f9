"""API shape of the partner setup list (PRG-9)."""

from ninja import Field, Schema

from openprm.onboarding.checklist import missing
from openprm.partners.models import PartnerStatus


class PartnerSetupOut(Schema):
    id: int
    name: str = Field(..., alias="account.name")
    status: PartnerStatus
    missing: list[str]

    @staticmethod
    def resolve_missing(partner: object) -> list[str]:
        """The keys of the steps still to do, in their order."""
        return [state.key for state in missing(partner)]  # type: ignore[arg-type]
