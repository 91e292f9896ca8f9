"""PRG-7, PRG-13: the organizations whose business a portal user sees."""

from openprm.customers.hierarchy import descendants_sql
from openprm.customers.models import Account
from openprm.identity.actors import partner_reach_reader
from openprm.partners.models import PartnerContact, PartnerProfile


def membership_row(user_id: int) -> PartnerContact | None:
    """PRG-7: a portal user's partner-contact row (the Actor's `membership`),
    with what the portal shows and checks of it — its organization, that
    organization's account and channel manager, its role and person — in
    one statement. A user has at most one such row, so it is read without
    an ORDER BY (which cost the ORM more than the statement, issue 19)."""
    rows = PartnerContact.objects.select_related("partner__account__owner", "role", "person")
    try:
        return rows.get(user_id=user_id)
    except PartnerContact.DoesNotExist:
        return None


def partner_reach(membership: PartnerContact | None) -> tuple[int, ...]:
    """PRG-7, PRG-13: the organizations whose business a portal user sees
    (the Actor's `partner_reach`, read once per request): its own partner —
    from its membership row —, then the partners below it in the account
    hierarchy when the channel team switched that on for its organization
    (never its parent's or its siblings'). Empty for a user without a
    membership."""
    if membership is None:
        return ()
    partner = membership.partner
    if not partner.portal_shows_subsidiaries:
        return (partner.pk,)
    below = (
        PartnerProfile.objects.filter(
            account_id__in=descendants_sql(partner.account_id, active_only=True),
            managed_partner=True,
            account__account_type=Account.AccountType.PARTNER,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return (partner.pk, *below)


partner_reach_reader(membership_row, partner_reach)
