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


def _name_matches(persons: Iterable[Person], full_key: str) -> Iterable[tuple[Person, float]]:
    for person in persons:
        score = fuzz.token_sort_ratio(person.name_search, full_key)
        if score >= NAME_SIMILARITY:
            yield person, score


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
    visible = access.visible(Person, actor).filter(is_active=True)
    if exclude_pk is not None:
        visible = visible.exclude(pk=exclude_pk)
    found: dict[int, DuplicateCandidate] = {}

    def note(person: Person, reason: str) -> None:
        found.setdefault(person.pk, DuplicateCandidate(person)).reasons.append(reason)

    emails, phones = [e for e in emails if e], [p for p in phones if p]
    if emails or phones:
        points = ContactPoint.objects.filter(
            Q(kind=ContactPoint.Kind.EMAIL, email__in=emails)
            | Q(kind=ContactPoint.Kind.PHONE, phone__in=phones)
        )
        for point in points.filter(person__in=visible).select_related("person")[:MAX_CANDIDATES]:
            if point.kind == ContactPoint.Kind.EMAIL:
                note(point.person, _("same e-mail %(value)s") % {"value": point.email})
            else:
                note(point.person, _("same phone %(value)s") % {"value": point.display_value})

    account_ids = list(account_ids)
    full_key = search_key(f"{first_name} {last_name}")
    if account_ids and full_key:
        first_key, last_key = search_key(first_name), search_key(last_name)
        near_names = key_prefix_q("last_name_search", last_key[:PREFIX_LENGTH])
        if first_key:
            near_names |= key_prefix_q("name_search", first_key[:PREFIX_LENGTH])
        same_customer = Relationship.objects.filter(account_id__in=account_ids).values("person")
        nearby = visible.filter(near_names, pk__in=same_customer)[:500]
        for person, _score in sorted(_name_matches(nearby, full_key), key=lambda m: -m[1]):
            note(person, _("similar name at the same customer"))
    return list(found.values())[:MAX_CANDIDATES]
