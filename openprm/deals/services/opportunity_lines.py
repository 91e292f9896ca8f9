"""An opportunity's product lines, added and removed one at a time (DEAL-1,
DEAL-9): the one service behind the opportunity page's line buttons and
`/opportunities/{id}/lines`.

The opportunity's amount is its lines' total again after each change, and
its version moves with it (PLAT-6), so an edit based on the old amount is
refused as stale instead of silently undoing the line. An opportunity keeps
at least one line once it has one; a closed one keeps them all.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, NotFound, ValidationFailed
from openprm.core.records import record_create, record_delete, record_update
from openprm.deals.errors import DealErrorCode
from openprm.deals.models import Opportunity, OpportunityLine
from openprm.deals.services.drafts import LineIn, check_lines
from openprm.deals.services.opportunity_edits import refuse_if_closed


def _locked(opportunity: Opportunity) -> Opportunity:
    """The row held until the caller's transaction ends: two removals of
    the last two lines cannot both see the other line."""
    return Opportunity.objects.select_for_update().get(pk=opportunity.pk)


def _retotal(actor: Actor, opportunity: Opportunity) -> None:
    total = opportunity.lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    record_update(
        actor=actor,
        instance=opportunity,
        changes={"amount": total},
        expected_version=opportunity.version,
    )


def opportunity_line_add(
    *, actor: Actor, opportunity: Opportunity, line: LineIn
) -> OpportunityLine:
    """An active product with a positive quantity and amount."""
    access.require(actor, "change", opportunity)
    errors = check_lines([line], required=True)
    if errors:
        raise ValidationFailed(field_errors={"line": [m for ms in errors.values() for m in ms]})
    with transaction.atomic():
        opportunity = _locked(opportunity)
        refuse_if_closed(opportunity)
        added = record_create(
            actor=actor,
            instance=OpportunityLine(
                opportunity=opportunity,
                product_id=line.product_id,
                quantity=line.quantity,
                amount=line.amount,
            ),
        )
        _retotal(actor, opportunity)
    return added


def opportunity_line_remove(*, actor: Actor, opportunity: Opportunity, line_id: int) -> None:
    """Not the last line: a deal without products has nothing to forecast
    (409 `last_line`)."""
    access.require(actor, "change", opportunity)
    with transaction.atomic():
        opportunity = _locked(opportunity)
        refuse_if_closed(opportunity)
        line = opportunity.lines.filter(pk=line_id).first()
        if line is None:
            raise NotFound()
        if opportunity.lines.count() == 1:
            raise Conflict(
                _("An opportunity keeps at least one product line; add another first."),
                code=DealErrorCode.LAST_LINE,
            )
        record_delete(actor=actor, instance=line)
        _retotal(actor, opportunity)
