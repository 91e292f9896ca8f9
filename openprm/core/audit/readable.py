"""The audit trail as a reader sees it (PLAT-5): field labels, related records
by name, choices by label, dates and amounts by locale.

The trail stores raw values (`owner: 7`, `postal_code: "10001"`) so it stays
exact and serialisable; this module turns them into lines a person reads on a
record's page. Bookkeeping columns (search keys, versions, anything not
editable) and changes between two empty values are left out: they mean
nothing to a reader. Related records are fetched once per page, through the
access module, so a record the reader may not see is named "(not visible)"
rather than revealed.

Each entry's author (`who`) is named as the reader may name them (PRG-7):
by name when the reader may see the user, else as the partners app says
(`unseen_authors_reader`) — a brand-owner colleague by full name, a user of
another partner organization as "Another partner" — in one query for the
page; an entry without an author keeps its stored name ("system"). The
API's trail names its authors with the same function (`authors_named`).
"""

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import lineage

UnseenAuthors = Callable[[Actor, Collection[int]], dict[int, str]]
_unseen_authors: list[UnseenAuthors] = []

HIDDEN_FIELDS = frozenset({"name_search", "version", "updated_at", "created_at", "password"})
EMPTY_VALUES = (None, "", [], {})


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str
    after: str


def _model_field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None or name.startswith("custom."):
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _shown_field(field: models.Field[Any, Any] | None, name: str) -> bool:
    if name in HIDDEN_FIELDS or name.endswith("_key"):
        return False
    return field is None or field.editable


def _label(field: models.Field[Any, Any] | None, name: str, custom: dict[str, str]) -> str:
    if field is not None:
        return capfirst(str(field.verbose_name))
    key = name.removeprefix("custom.")
    return custom.get(key) or capfirst(key.replace("_", " "))


def _custom_labels(record_models: Iterable[type[models.Model] | None]) -> dict[str, dict[str, str]]:
    """The labels administrators gave the custom fields of each record type
    on the page (PLAT-7), inherited ones included; one query per page. A
    field deleted since keeps its name, made readable."""
    lineages = {
        code: lineage(code)
        for model in record_models
        if (code := getattr(model, "record_type", None)) is not None
    }
    if not lineages:
        return {}
    defined: dict[str, dict[str, str]] = defaultdict(dict)
    wanted = {code for codes in lineages.values() for code in codes}
    for record_type, name, label in CustomField.objects.filter(record_type__in=wanted).values_list(
        "record_type", "name", "label"
    ):
        defined[record_type][name] = label
    return {
        code: {
            name: label for ancestor in reversed(codes) for name, label in defined[ancestor].items()
        }
        for code, codes in lineages.items()
    }


def _user_model() -> type[models.Model]:
    model = AuditEntry._meta.get_field("actor").related_model
    assert isinstance(model, type)
    return model


def _readable_rows(model: type[models.Model], actor: Actor) -> models.QuerySet[Any]:
    """The rows whose names the reader may read: colleagues' names are
    reference data every internal user reads (they pick owners from them)."""
    if model is _user_model() and actor.is_internal:
        return access.unscoped(model)
    return access.visible(model, actor)


def _related_names(
    actor: Actor, wanted: dict[type[models.Model], set[Any]]
) -> dict[tuple[type[models.Model], str], str]:
    """The name of each related record the reader may see (a user by full
    name), keyed by model and primary key as text; one query per model. A
    page names a few records, so each scope checks them by primary key
    rather than choosing a plan for the reader's whole reach."""
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, keys in wanted.items():
        if model not in access.registered_models():
            continue
        with access.by_primary_key():
            rows = _readable_rows(model, actor).filter(pk__in=keys)
        for record in rows:
            names[(model, str(record.pk))] = getattr(record, "display_name", None) or str(record)
    return names


def _plain(field: models.Field[Any, Any] | None, value: Any) -> str:
    """A stored JSON value in the reader's locale."""
    if value in EMPTY_VALUES:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = dt.datetime.fromisoformat(value)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(field, models.DateField) and isinstance(value, str):
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if isinstance(field, models.DecimalField | models.IntegerField | models.FloatField):
        number = decimal.Decimal(str(value))
        return formats.number_format(number, force_grouping=True)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def unseen_authors_reader(reader: UnseenAuthors) -> None:
    """Set how the authors a reader may not see as users are named. Which
    organization a portal user belongs to is recorded by the partners app,
    above core; it sets this once. A second, different reader is a
    programming error."""
    if _unseen_authors and _unseen_authors[0] is not reader:
        raise RuntimeError("the unseen authors reader is already set")
    _unseen_authors[:] = [reader]


def authors_named(
    actor: Actor, entries: Sequence[Any], known: Mapping[str, str] | None = None
) -> None:
    """Set `who` on each entry (an audit entry or a business event): its
    author as the reader may name them (PRG-7). `known` holds the names of
    the users the reader may see, when the caller already read them;
    otherwise they are read here, in one query. The authors left are named
    by the unseen authors reader in one more query; with none installed,
    they are not named at all (fail closed)."""
    ids = {str(e.actor_id) for e in entries if e.actor_id is not None}
    if known is None:
        known = {
            pk: name for (_model, pk), name in _related_names(actor, {_user_model(): ids}).items()
        }
    names = dict(known)
    unseen = {int(pk) for pk in ids - names.keys()}
    if unseen and _unseen_authors:
        names.update((str(pk), name) for pk, name in _unseen_authors[0](actor, unseen).items())
    for entry in entries:
        if entry.actor_id is None:
            entry.who = getattr(entry, "actor_name", "") or "system"
        else:
            entry.who = names.get(str(entry.actor_id), _("(not visible)"))


def readable_history(actor: Actor, entries: Iterable[AuditEntry]) -> list[AuditEntry]:
    """The entries, each with `lines`: the changes a reader should see."""
    entries = list(entries)
    fields: dict[tuple[int, str], models.Field[Any, Any] | None] = {}
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    user_model = _user_model()
    wanted[user_model].update(e.actor_id for e in entries if e.actor_id is not None)
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        for name, (before, after) in entry.changes.items():
            field = fields.setdefault((entry.content_type_id, name), _model_field(model, name))
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update(v for v in (before, after) if v is not None)
    names = _related_names(actor, wanted)
    record_models = {
        entry.content_type_id: ContentType.objects.get_for_id(entry.content_type_id).model_class()
        for entry in entries
    }
    custom = _custom_labels(record_models.values())

    def shown(field: models.Field[Any, Any] | None, value: Any) -> str:
        if field is not None and field.is_relation and value not in EMPTY_VALUES:
            return names.get((field.related_model, str(value)), _("(not visible)"))
        return _plain(field, value)

    for entry in entries:
        lines = []
        labels = custom.get(getattr(record_models[entry.content_type_id], "record_type", ""), {})
        for name, (before, after) in entry.changes.items():
            field = fields[(entry.content_type_id, name)]
            if not _shown_field(field, name):
                continue
            if before in EMPTY_VALUES and after in EMPTY_VALUES:
                continue
            lines.append(
                ChangeLine(_label(field, name, labels), shown(field, before), shown(field, after))
            )
        entry.lines = lines  # type: ignore[attr-defined]
    authors_named(
        actor, entries, {pk: name for (model, pk), name in names.items() if model is user_model}
    )
    return entries
