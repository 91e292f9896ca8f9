"""Who sees and manages portal alerts (PRG-8, PRG-7).

The channel team with Manage Partner Programs writes alerts and sees every
one of them. A partner user sees the alerts aimed at its organization —
at every partner, at its program or its tier (through its partnership), or
at itself — and only while they run: another partner's alert, or one not
yet started, is not found. Only partner users dismiss alerts, each for
itself.
"""

import datetime as dt
from functools import cache

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.alerts.models import Alert, AlertDismissal
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.programs import policies as _programs  # noqa: F401  the program policies read below
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.models import Partnership
from openprm.programs.policies import program_manager_refusal

Target = Alert.Target


def running_q(today: dt.date) -> Q:
    """The alerts shown on `today`."""
    return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def _column(model: type[Model], field: str) -> str:
    return model._meta.get_field(field).column


@cache
def _aimed_sql() -> str:
    """The SQL of `aimed_at_q`, from the tables' own names: an alert aimed
    at all, or at a program or tier of the partner's partnership (`chosen`),
    or at the partner."""
    partnership = Partnership._meta.db_table
    partner = _column(Partnership, "partner")

    def chosen(field: str) -> str:
        through = getattr(Alert, f"{field}s").through
        joined = f"p.{_column(Partnership, field)} = c.{_column(through, field)}"
        return (
            f"EXISTS (SELECT 1 FROM {through._meta.db_table} c "  # noqa: S608  table names
            f"JOIN {partnership} p ON {joined} "
            f"WHERE c.{_column(through, 'alert')} = {{id}} AND p.{partner} = %s)"
        )

    partners = Alert.partners.through
    aimed = (
        f"EXISTS (SELECT 1 FROM {partners._meta.db_table} c "  # noqa: S608  table names
        f"WHERE c.{_column(partners, 'alert')} = {{id}} "
        f"AND c.{_column(partners, 'partnerprofile')} = %s)"
    )
    return (
        f"{{target}} = %s OR ({{target}} = %s AND {chosen('program')}) "
        f"OR ({{target}} = %s AND {chosen('tier')}) OR ({{target}} = %s AND {aimed})"
    )


def aimed_at_q(partner_id: int) -> Q:
    """The alerts aimed at one partner: at all, at its partnership's program
    or tier, or at the partner itself. Written as SQL: built from nested
    querysets, this rule was most of the portal home's alerts block (4.5 ms
    of CPU for one statement, docs/performance.md)."""
    params = (
        Target.ALL,
        Target.PROGRAMS,
        partner_id,
        Target.TIERS,
        partner_id,
        Target.PARTNERS,
        partner_id,
    )
    return Q(access.RowCondition(_aimed_sql(), params, id="pk", target="target"))


@access.policy(Alert)
class AlertPolicy(access.Policy[Alert]):
    def view(self, rows: QuerySet[Alert], actor: Actor) -> QuerySet[Alert]:
        if actor.is_internal:
            return rows if has_privilege(actor, MANAGE_PARTNER_PROGRAMS) else rows.none()
        if actor.partner_id is None:
            return rows.none()
        return rows.filter(aimed_at_q(actor.partner_id) & running_q(timezone.localdate()))

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_change(self, actor: Actor, alert: Alert) -> PermissionRefused | None:
        """Its text, dates, link and target."""
        return program_manager_refusal(actor)

    def check_dismiss(self, actor: Actor, alert: Alert) -> PermissionRefused | None:
        """A portal user puts an alert away from its own home."""
        if actor.is_internal:
            return PermissionRefused(_("Alerts are dismissed by the partner users who get them."))
        return None


@access.register(AlertDismissal)
def _own_dismissals(rows: QuerySet[AlertDismissal], actor: Actor) -> QuerySet[AlertDismissal]:
    return rows.filter(user_id=actor.pk)
