"""Creation audit entries for imported records, written in bulk (PLAT-5).

An import audits every record it creates, one entry per record like a
manual create, but inserts the entries with the batch instead of one
INSERT each.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry
from openprm.core.audit.services import IGNORED_FIELDS
from openprm.imports.bulk import TableWriter, dump_json


class AuditBatch:
    """Rows kept as tuples and the changes as JSON text, so a batch's entries
    cost one dump each and go to the database in one statement."""

    NAMES = ("content_type_id", "object_id", "object_repr", "action", "actor_id", "actor_name")

    def __init__(self, actor: Actor) -> None:
        self.actor_id = getattr(actor, "pk", None)
        self.actor_name = getattr(actor, "username", "") or "system"
        self.rows: list[tuple[Any, ...]] = []
        self._types: dict[type[models.Model], int] = {}

    def type_id(self, model: type[models.Model]) -> int:
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(
                model, for_concrete_model=False
            ).pk
        return self._types[model]

    def created(
        self, model: type[models.Model], pk: int, label: str, values: Mapping[str, Any]
    ) -> None:
        """`values` by field name, JSON-ready, as core.audit's snapshot gives them."""
        changes: dict[str, list[Any]] = {}
        for name, value in values.items():
            if name in IGNORED_FIELDS or value is None:
                continue
            if name == "custom" and isinstance(value, dict):
                for key, item in value.items():
                    changes[f"custom.{key}"] = [None, item]
            else:
                changes[name] = [None, value]
        self.created_json(self.type_id(model), pk, label, dump_json(changes))

    def created_json(self, type_id: int, pk: int, label: str, changes: str) -> None:
        """A creation whose changes the caller already wrote as JSON text in
        core.audit's `{"field": [null, value]}` shape."""
        self.rows.append(
            (
                type_id,
                str(pk),
                label[:200],
                AuditEntry.Action.CREATE.value,
                self.actor_id,
                self.actor_name,
                changes,
            )
        )

    def updated(self, model: type[models.Model], pk: int, label: str, changes: dict) -> None:
        self.rows.append(
            (
                self.type_id(model),
                str(pk),
                label[:200],
                AuditEntry.Action.UPDATE.value,
                self.actor_id,
                self.actor_name,
                dump_json(changes),
            )
        )

    def flush(self) -> None:
        TableWriter(AuditEntry).insert_values((*self.NAMES, "changes"), self.rows)
        self.rows = []
