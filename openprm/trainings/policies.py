"""Who sees and records trainings and certifications (PRG-6, PRG-7, PRG-12).

The catalogue belongs to the partner programs: the channel team holding
Manage Partner Programs maintains it (a certification is what a tier
requirement counts, so whoever sets the tiers sets what they count).
Everyone signed in reads the active catalogue (partner users pick from it);
managers see the inactive trainings too.

A completion or a held certification follows its person: it shows to
whoever sees the partner contact (the channel team, the partner's own
portal users, PRG-7). Completions are recorded by the channel team (Manage
Partner Programs) and by the partner administrator for its own people;
certifications are issued and revoked by the channel team only, since they
count towards the partner's tier.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.partners.models import PartnerContact
from openprm.partners.policies import contacts as _partners  # noqa: F401  the contact policy read below
from openprm.partners.policies.membership import membership
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.policies import program_manager_refusal
from openprm.trainings.models import Certification, HeldCertification, Training, TrainingCompletion


def manages_programs(actor: Actor) -> bool:
    return actor.is_internal and has_privilege(actor, MANAGE_PARTNER_PROGRAMS)


def is_partner_administrator(actor: Actor) -> bool:
    """PRG-2: the actor is its organization's partner administrator."""
    own = membership(actor)
    return bool(own and own.role and own.role.code == PARTNER_ADMINISTRATOR)


@access.policy(Training)
class TrainingPolicy(access.Policy[Training]):
    def view(self, rows: QuerySet[Training], actor: Actor) -> QuerySet[Training]:
        return rows if manages_programs(actor) else rows.filter(is_active=True)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_change(self, actor: Actor, training: Training) -> PermissionRefused | None:
        return program_manager_refusal(actor)


@access.policy(Certification)
class CertificationPolicy(access.Policy[Certification]):
    def view(self, rows: QuerySet[Certification], actor: Actor) -> QuerySet[Certification]:
        return rows

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_change(self, actor: Actor, certification: Certification) -> PermissionRefused | None:
        return program_manager_refusal(actor)


@access.policy(TrainingCompletion)
class TrainingCompletionPolicy(access.Policy[TrainingCompletion]):
    def view(
        self, rows: QuerySet[TrainingCompletion], actor: Actor
    ) -> QuerySet[TrainingCompletion]:
        return rows.filter(access.through_visible(PartnerContact, actor, "contact"))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        """The channel team, or a partner administrator for its own people
        (the person must be visible: another organization's is not found)."""
        if actor.is_partner:
            if is_partner_administrator(actor):
                return None
            return PermissionRefused(
                _("Only your organization's partner administrator records trainings.")
            )
        return program_manager_refusal(actor)


@access.contributed_check(PartnerContact, "record_training")
def check_record_training(actor: Actor, contact: PartnerContact) -> PermissionRefused | None:
    """PRG-12, PRG-13: a partner administrator records completions for its
    own organization's people only — a parent that sees its subsidiaries'
    people leaves their records to the subsidiaries' own administrators."""
    if actor.is_partner and contact.partner_id != actor.partner_id:
        return PermissionRefused(
            _("Only %(partner)s's own partner administrator records its people's trainings.")
            % {"partner": contact.partner}
        )
    return None


@access.policy(HeldCertification)
class HeldCertificationPolicy(access.Policy[HeldCertification]):
    def view(self, rows: QuerySet[HeldCertification], actor: Actor) -> QuerySet[HeldCertification]:
        return rows.filter(access.through_visible(PartnerContact, actor, "holder"))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_revoke(self, actor: Actor, held: HeldCertification) -> PermissionRefused | None:
        return program_manager_refusal(actor)
