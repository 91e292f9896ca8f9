"""CUS-3: a prospect qualifies only when it matches at least one territory."""

from django.utils.translation import gettext_lazy as _

from openprm.customers.models import Account
from openprm.customers.qualification import register_qualification_rule
from openprm.territories.matching import matching_territory_ids


def matches_a_territory(account: Account) -> bool:
    return bool(matching_territory_ids(account))


register_qualification_rule(
    "matches_territory", _("Matches at least one territory"), matches_a_territory
)
