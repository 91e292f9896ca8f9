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

from django.db.models import CharField, Q, QuerySet, Value
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.contacts.normalize import format_phone, search_key
from openprm.core import access
from openprm.core.search import key_prefix_q

NAME_SIMILARITY = 85
MAX_CANDIDATES = 10
PREFIX_LENGTH = 2
NEARBY_LIMIT = 500
NAME = "name"  # marks the name candidates among the equal contact points


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
    # Candidates are found unscoped, by index, in one query (the equal
    # contact points united with the similar-looking names at the customer),
    # and only the few found are checked against the actor's visible scope:
    # most new contacts have none, and the scope is the costly part.
    text = CharField()
    emails, phones = [e for e in emails if e], [p for p in phones if p]
    found_by: list[QuerySet[Any]] = []
    if emails or phones:
        points = access.unscoped(ContactPoint).filter(
            Q(kind=ContactPoint.Kind.EMAIL, email__in=emails)
            | Q(kind=ContactPoint.Kind.PHONE, phone__in=phones)
        )
        found_by.append(points.order_by().values_list("person_id", "kind", "email", "phone"))
    account_ids = list(account_ids)
    full_key = search_key(f"{first_name} {last_name}")
    if account_ids and full_key:
        first_key, last_key = search_key(first_name), search_key(last_name)
        near_names = key_prefix_q("last_name_search", last_key[:PREFIX_LENGTH])
        if first_key:
            near_names |= key_prefix_q("name_search", first_key[:PREFIX_LENGTH])
        same_customer = Relationship.objects.filter(account_id__in=account_ids).values("person")
        nearby = access.unscoped(Person).filter(near_names, is_active=True, pk__in=same_customer)
        if exclude_pk is not None:
            nearby = nearby.exclude(pk=exclude_pk)
        found_by.append(
            nearby.order_by()
            .annotate(found_as=Value(NAME, output_field=text), blank=Value("", output_field=text))
            .values_list("pk", "found_as", "name_search", "blank")
        )
    if not found_by:
        return []
    rows = found_by[0].union(*found_by[1:], all=True) if len(found_by) > 1 else found_by[0]

    reasons: dict[int, list[str]] = {}
    similar: list[tuple[float, int]] = []
    # Equal points first, then names: the candidates keep that order.
    for pk, kind, value, phone in sorted(rows[:NEARBY_LIMIT], key=lambda r: r[1] == NAME):
        if kind == NAME:
            score = fuzz.token_sort_ratio(value, full_key)
            if score >= NAME_SIMILARITY:
                similar.append((-score, pk))
        elif kind == ContactPoint.Kind.EMAIL:
            reasons.setdefault(pk, []).append(_("same e-mail %(value)s") % {"value": value})
        else:
            shown_phone = format_phone(phone)
            reasons.setdefault(pk, []).append(_("same phone %(value)s") % {"value": shown_phone})
    for _score, pk in sorted(similar):
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
