"""Creation audit entries for imported records, written in bulk (PLAT-5).

An import audits every record it creates, one entry per record like a
manual create, but inserts the entries with the batch instead of one
INSERT each.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from openprm.core.audit.models import AuditEntry
from openprm.core.audit.services import IGNORED_FIELDS
from openprm.imports.bulk import TableWriter


class AuditBatch:
    def __init__(self, actor: Any) -> None:
        self.actor_id = getattr(actor, "pk", None)
        self.actor_name = getattr(actor, "username", "") or "system"
        self.rows: list[dict[str, Any]] = []
        self._types: dict[type[models.Model], int] = {}

    def _type_id(self, model: type[models.Model]) -> int:
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
        self.rows.append(
            {
                "content_type_id": self._type_id(model),
                "object_id": str(pk),
                "object_repr": label[:200],
                "action": AuditEntry.Action.CREATE,
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "changes": changes,
            }
        )

    def updated(self, model: type[models.Model], pk: int, label: str, changes: dict) -> None:
        self.rows.append(
            {
                "content_type_id": self._type_id(model),
                "object_id": str(pk),
                "object_repr": label[:200],
                "action": AuditEntry.Action.UPDATE,
                "actor_id": self.actor_id,
                "actor_name": self.actor_name,
                "changes": changes,
            }
        )

    def flush(self) -> None:
        TableWriter(AuditEntry).insert(self.rows)
        self.rows = []
