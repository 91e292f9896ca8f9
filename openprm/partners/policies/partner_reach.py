"""PRG-7, PRG-13: the organizations whose business a portal user sees."""

from openprm.customers.hierarchy import descendants_sql
from openprm.customers.models import Account
from openprm.identity.actors import partner_reach_reader
from openprm.partners.models import PartnerContact, PartnerProfile


def partner_reach(user_id: int) -> tuple[int, ...]:
    """PRG-7, PRG-13: the organizations whose business a portal user sees
    (the Actor's `partner_reach`, read once per request): its own partner —
    from its membership, one query —, then the partners below it in the
    account hierarchy when the channel team switched that on for its
    organization (never its parent's or its siblings'). Empty for a user
    without a membership."""
    found = (
        PartnerContact.objects.filter(user_id=user_id)
        .values_list("partner_id", "partner__account_id", "partner__portal_shows_subsidiaries")
        .order_by("pk")
        .first()
    )
    if found is None:
        return ()
    partner_id, account_id, shows_subsidiaries = found
    if not shows_subsidiaries:
        return (partner_id,)
    below = (
        PartnerProfile.objects.filter(
            account_id__in=descendants_sql(account_id, active_only=True),
            managed_partner=True,
            account__account_type=Account.AccountType.PARTNER,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return (partner_id, *below)


partner_reach_reader(partner_reach)
