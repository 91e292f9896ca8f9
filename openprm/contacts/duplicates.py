"""CON-2 duplicate candidates for a contact about to be created.

Every lookup is index-backed so the check stays fast at a million contacts:
e-mails and phones are equality lookups on their normalized indexed columns,
and names are compared (with rapidfuzz) only among the contacts of the same
customers whose last or first name starts like the new one — a range scan on
`name_search`/`last_name_search` intersected with the relationship index.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.normalize import search_key
from openprm.core import access
from openprm.core.search import key_prefix_q

NAME_SIMILARITY = 85
MAX_CANDIDATES = 10
PREFIX_LENGTH = 2
NEARBY_LIMIT = 500


@dataclass
class DuplicateCandidate:
    person: Person
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.person.pk,
            "name": self.person.full_name,
            "job_title": self.person.job_title,
            "reasons": self.reasons,
        }


def duplicate_candidates(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    account_ids: Iterable[int] = (),
    exclude_pk: int | None = None,
) -> list[DuplicateCandidate]:
    """Visible contacts that look like the new one, with the reasons why.

    Only contacts the actor may see are offered (a candidate list must not
    reveal hidden records). `emails` and `phones` must already be normalized.
    """
    # Candidates are found unscoped, by index, and only the few found are
    # checked against the actor's visible scope (one primary-key query):
    # most new contacts have none, and the scope is the costly part.
    active = access.unscoped(Person).filter(is_active=True).order_by()
    if exclude_pk is not None:
        active = active.exclude(pk=exclude_pk)
    reasons: dict[int, list[str]] = {}

    emails, phones = [e for e in emails if e], [p for p in phones if p]
    if emails or phones:
        points = (
            access.unscoped(ContactPoint)
            .filter(
                Q(kind=ContactPoint.Kind.EMAIL, email__in=emails)
                | Q(kind=ContactPoint.Kind.PHONE, phone__in=phones)
            )
            .order_by("pk")[: MAX_CANDIDATES * 5]
        )
        for point in points:
            if point.kind == ContactPoint.Kind.EMAIL:
                reason = _("same e-mail %(value)s") % {"value": point.email}
            else:
                reason = _("same phone %(value)s") % {"value": point.display_value}
            reasons.setdefault(point.person_id, []).append(reason)

    account_ids = list(account_ids)
    full_key = search_key(f"{first_name} {last_name}")
    if account_ids and full_key:
        first_key, last_key = search_key(first_name), search_key(last_name)
        near_names = key_prefix_q("last_name_search", last_key[:PREFIX_LENGTH])
        if first_key:
            near_names |= key_prefix_q("name_search", first_key[:PREFIX_LENGTH])
        same_customer = Relationship.objects.filter(account_id__in=account_ids).values("person")
        nearby = active.filter(near_names, pk__in=same_customer).values_list("pk", "name_search")
        scored = [(pk, fuzz.token_sort_ratio(name, full_key)) for pk, name in nearby[:NEARBY_LIMIT]]
        for pk, _score in sorted(
            (m for m in scored if m[1] >= NAME_SIMILARITY), key=lambda m: -m[1]
        ):
            reasons.setdefault(pk, []).append(_("similar name at the same customer"))

    if not reasons:
        return []
    shown = access.visible(Person, actor).filter(is_active=True).in_bulk(list(reasons))
    found = [
        DuplicateCandidate(shown[pk], found_reasons)
        for pk, found_reasons in reasons.items()
        if pk in shown and pk != exclude_pk
    ]
    return found[:MAX_CANDIDATES]
