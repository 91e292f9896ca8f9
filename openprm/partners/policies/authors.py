"""PRG-7: how a partner user reads the authors of a record's History whom
it may not see as users (core.audit.readable).

Naming is not exposing a record: no link, no other fact. A brand-owner
colleague is named by full name (partners read their channel manager's
name on their organization's page anyway), a person of an organization
whose business the reader sees by full name too, and a person of any other
partner organization — a shared deal's team member (DEAL-9) — only as
"Another partner", the words the deals list uses for such a deal.
"""

from collections.abc import Collection

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.readable import unseen_authors_reader
from openprm.identity.models import User
from openprm.partners.models import PartnerContact


def unseen_author_names(actor: Actor, user_ids: Collection[int]) -> dict[int, str]:
    """The name each author reads by, in one query: the full name (the
    sign-in name only when both names are blank) of an internal user or of
    a member of an organization in the reader's reach, else "Another
    partner"."""
    in_reach = PartnerContact.objects.filter(access.partner_reach_q(actor), user_id=OuterRef("pk"))
    authors = (
        access.unscoped(User)
        .filter(pk__in=user_ids)
        .only("first_name", "last_name", "username", "user_type")
        .annotate(in_reach=Exists(in_reach))
    )
    return {
        author.pk: (
            author.get_full_name() or author.username
            if not author.is_partner_user or author.in_reach
            else _("Another partner")
        )
        for author in authors
    }


unseen_authors_reader(unseen_author_names)
