"""Each list declared once: its rows, columns, sorts and filters.

A `ListSpec` is what a list *is*; the HTML page (core.views.generic), the
CSV/XLSX export, the background export job and the API list all read the
same spec, so they cannot drift apart: the page and its export show the
same rows in the same order, and an export job reads them by calling the
spec's selector for the job's creator — no request is rebuilt.

    PARTNERS = ListSpec(
        name="partners",
        selector=selectors.partner_list,
        filters=PartnerFilter,
        columns=(
            Col("name", _("Name"), lambda p: p.account.name, sort="account__name_search"),
            Col("status", _("Status"), lambda p: p.get_status_display(), sort="status"),
        ),
        default_sort="name",
    )

Specs register themselves by name (`spec_named`) when their app's
`tables.py` is imported, which the app's `ready()` does.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from ninja import FilterSchema
from pydantic import ValidationError

from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.exporters.tabular import Column
from openprm.core.listing import Sortable, sorted_queryset

Selector = Callable[..., QuerySet[Any]]

_specs: dict[str, "ListSpec"] = {}


@dataclass(frozen=True)
class Col:
    """One column: a stable key, a label (lazily translated), the value an
    export writes, and the database columns it sorts by (None: not sortable)."""

    key: str
    label: Any
    value: Callable[[Any], Any]
    sort: str | tuple[str, ...] | None = None


@dataclass(frozen=True)
class ListSpec:
    """A list: `selector(actor=…, filters=…, **scope)` gives its visible rows
    (the access policies decide; a spec never widens them), `filters` is the
    FilterSchema the page, the API and the export share."""

    name: str
    selector: Selector
    filters: type[FilterSchema]
    columns: tuple[Col, ...]
    default_sort: str
    count: bool = True
    """False for lists that can hold millions of rows: they count on request."""
    extra_sorts: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.name in _specs and _specs[self.name] is not self:
            raise ValueError(f"a list named {self.name!r} is already declared")
        _specs[self.name] = self

    @property
    def sorts(self) -> Sortable:
        found: dict[str, str | tuple[str, ...]] = {
            c.key: c.sort for c in self.columns if c.sort is not None
        }
        found.update(self.extra_sorts)
        return found

    def export_columns(self) -> list[Column]:
        return [(str(c.label), c.value) for c in self.columns]

    def read_filters(self, params: Mapping[str, Any]) -> FilterSchema:
        """The filters from query parameters; a bad value is a field error
        (422 in the API, a message on the page), never ignored."""
        values = {k: v for k, v in params.items() if k in self.filters.model_fields and v != ""}
        try:
            return self.filters(**values)
        except ValidationError as error:
            raise ValidationFailed(
                field_errors={
                    str(e["loc"][0]) if e["loc"] else "": [str(e["msg"])] for e in error.errors()
                }
            ) from None

    def rows(
        self, *, actor: Actor, filters: FilterSchema | None, sort: str = "", **scope: Any
    ) -> tuple[QuerySet[Any], str]:
        """The visible rows in the requested order (an unknown sort falls back
        to the default, and the order actually used is returned)."""
        queryset = self.selector(actor=actor, filters=filters, **scope)
        return sorted_queryset(queryset, sort, self.sorts, self.default_sort)


def spec_named(name: str) -> ListSpec:
    return _specs[name]


def declared_specs() -> Sequence[ListSpec]:
    return tuple(_specs.values())
