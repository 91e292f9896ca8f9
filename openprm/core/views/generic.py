"""Generic pages: list and detail with tabs (editing pages are in editing.py).

Each app's pages were the same dozen steps written again — read the
record through its selector, turn a refusal into the 403 page and an
invisible record into the 404 page, answer `?export=` — and each copy
drifted. An app now configures these classes with its selector, list
spec and tabs and writes only what is its own.

Every view names the record it works on and the action it performs
(`model`, `action`): the route matrix reads them to know what a route must
refuse to whom.
"""

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from openprm.core.actor import Actor
from openprm.core.errors import DomainError, NotFound, PermissionRefused
from openprm.core.exporters.tabular import export_response, streamed
from openprm.core.exporters.tasks import export_job_start
from openprm.core.listing import PER_PAGE, ListPage, page_number, read_page
from openprm.core.privileges import require_privilege
from openprm.core.sqlite_pragmas import small_page_cache
from openprm.core.tables import Column, Label, ListSpec
from openprm.core.views import defaults
from openprm.core.views.web import (
    permitted,
)

EXPORT_FORMATS = ("csv", "xlsx")


class Page(View):
    """A page whose domain errors become the pages a user expects: NotFound
    the 404 page, PermissionRefused the 403 page naming the privilege.

    A page that names no record (a list, a settings page) may need a
    `privilege` (PLAT-2): without it the page is refused before anything is
    read. A page of one record leaves its refusals to the record's policy,
    which answers 404 for a record the actor may not see before it names any
    privilege.

    A page without a `template_name` shows the shared default page of its
    kind (core/views/defaults.py)."""

    model: ClassVar[type[models.Model] | None] = None
    action: ClassVar[str] = "view"
    privilege: ClassVar[str | None] = None
    template_name: ClassVar[str] = ""
    nav_entry: ClassVar[str] = ""
    """The url name of the menu entry the page belongs to, when its own
    address lies outside that entry's (core/context_processors.py)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.nav_entry:
            request.nav_path = reverse(self.nav_entry)  # type: ignore[attr-defined]
        try:
            if self.privilege is not None:
                require_privilege(self.actor, self.privilege)
            return super().dispatch(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from None
        except PermissionRefused as error:
            raise PermissionDenied(error.message) from None

    @property
    def actor(self) -> Actor:
        return self.request.actor  # type: ignore[attr-defined,no-any-return]


def export_answer(
    request: HttpRequest, spec: ListSpec, rows: QuerySet[Any], scope: Mapping[str, Any]
) -> HttpResponse | None:
    """IMP-3: `?export=csv|xlsx` turns a list page into a download of exactly
    its filtered, sorted rows, streamed in chunks; None when no export is
    asked for, or when the list has no files. An Excel file of more than
    EXPORT_INLINE_ROWS rows is written by the task worker (its workbook
    takes minutes, and a download that has not started shows nothing): the
    answer is the job's page. The count reads the whole list once, with a
    small SQLite page cache (core.sqlite_pragmas), as the export itself does."""
    fmt = request.GET.get("export")
    if fmt not in EXPORT_FORMATS or not spec.filename:
        return None
    if fmt == "xlsx" and _row_count(rows) > settings.EXPORT_INLINE_ROWS:
        job = export_job_start(
            actor=request.actor,  # type: ignore[attr-defined]
            spec=spec,
            query=request.GET,
            scope=scope,
            path=request.path,
        )
        return redirect("exports:job_detail", pk=job.pk)
    return export_response(
        fmt,
        spec.completed(streamed(rows, spec.chunk_size)),
        spec.export_columns,
        spec.file_name(scope),
    )


def _row_count(rows: QuerySet[Any]) -> int:
    with small_page_cache(rows.db):
        return rows.count()


class RecordList(Page):
    """A list declared by `spec`: filters, sort, page, count on request and
    the exports. The URL's keyword arguments are the list's scope (the
    selector gets them; a background export stores them). `context()` adds
    what the template needs besides the rows; it runs first, so a parent
    record the actor may not see is a 404 before anything is read.

    The default page is titled `title` (else the model's plural name), has
    the spec's filters, the user's saved views, the exports and a New
    button to whoever the model's create rule allows."""

    spec: ClassVar[ListSpec]
    title: ClassVar[Label] = ""
    empty_text: ClassVar[Label] = ""

    def context(self, **scope: Any) -> dict[str, Any]:
        return {}

    def columns(self) -> list[Column]:
        """The page's columns; a page may leave out those the actor has no
        use for (an Edit link only managers follow)."""
        return self.spec.shown_columns

    def rows(self, filters: Any, sort: str, scope: Mapping[str, Any]) -> QuerySet[Any]:
        return self.spec.rows(
            actor=self.actor, query=self.request.GET, filters=filters, sort=sort, **scope
        )

    def get(self, request: HttpRequest, **scope: Any) -> HttpResponse:
        context = self.context(**scope)
        filters, valid = self.spec.read_filters(request.GET)
        asked = request.GET.get("sort", "")
        sort = self.spec.sort_of(asked)
        if asked and sort != asked:
            messages.warning(
                request,
                _("This list cannot be sorted by “%(sort)s”; it is shown in its default order.")
                % {"sort": asked[:100]},
                fail_silently=True,
            )
        try:
            rows = self.rows(filters, sort, scope)
        except (NotFound, PermissionRefused):
            raise
        except DomainError as error:
            empty = ListPage([], 1, PER_PAGE, more=False, total=0)
            return self.render_page(context, empty, sort, filters, valid, error.message)
        export = export_answer(request, self.spec, rows, scope)
        if export is not None:
            return export
        count = self.spec.count or request.GET.get("count") == "1"
        page_obj = read_page(rows, page_number(request.GET.get("page")), count=count)
        return self.render_page(context, page_obj, sort, filters, valid, "")

    def render_page(
        self,
        context: dict[str, Any],
        page_obj: Any,
        sort: str,
        filters: Any,
        valid: bool,
        list_error: str,
    ) -> HttpResponse:
        if self.spec.complete is not None:
            self.spec.complete(page_obj.object_list)
        context.update(
            spec=self.spec,
            columns=self.columns(),
            page_obj=page_obj,
            rows=list(page_obj),
            sort=sort,
            filters=filters,
            filters_valid=valid,
            list_error=list_error,
        )
        if not self.template_name:
            context.update(self.default_context(context))
        return render(self.request, self.template_name or defaults.LIST, context)

    def default_context(self, context: dict[str, Any]) -> dict[str, Any]:
        """What the default page shows besides the table."""
        return defaults.list_page(self, context)

    def filter_bar(self) -> list[defaults.Filter]:
        """The default page's filters, one per filter of the spec. A page
        whose filters name records (a program, a channel manager) gives
        their choices here: nobody types a record's id into a box."""
        return defaults.list_filters(self.spec)


class CustomFilteredList(RecordList):
    """A list filtered by custom fields too (`custom.<name>=value`, PLAT-3):
    a custom-field filter the actor may not use is reported and the list
    shows without it, rather than an empty page."""

    def rows(self, filters: Any, sort: str, scope: Mapping[str, Any]) -> QuerySet[Any]:
        try:
            return super().rows(filters, sort, scope)
        except (NotFound, PermissionRefused):
            raise
        except DomainError as error:
            messages.error(self.request, error.message)
            query = {k: v for k, v in self.request.GET.items() if not k.startswith("custom.")}
            return self.spec.rows(
                actor=self.actor, query=query, filters=filters, sort=sort, **scope
            )


class RecordDetail(Page):
    """A record's page with tabs (`?tab=`); an unknown tab shows the first.
    `can` holds the buttons the access policy allows on the record.

    The default page shows `fields` (else the columns of `spec`, else the
    record's fields) on its Details tab, a tab's `tab_template` on the
    others, and a button for each of `actions` the policy allows
    (`action_labels` names them)."""

    tabs: ClassVar[Sequence[tuple[str, Label]]] = (("details", gettext_lazy("Details")),)
    actions: ClassVar[Sequence[str]] = ()
    context_object_name: ClassVar[str] = "object"
    fields: ClassVar[Sequence[str]] = ()
    spec: ClassVar[ListSpec | None] = None
    action_labels: ClassVar[Mapping[str, Label]] = {}

    def record(self, pk: int) -> models.Model:
        raise NotImplementedError

    def tab_context(self, record: Any, tab: str) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        names = [name for name, _label in self.tabs]
        tab = request.GET.get("tab", names[0])
        return self.render_record(self.record(pk), tab if tab in names else names[0])

    def render_record(self, record: Any, tab: str, **extra: Any) -> HttpResponse:
        """The page on `tab`; `extra` overrides the tab's context (a form
        sent back with its errors)."""
        context = {
            self.context_object_name: record,
            "object": record,
            "tab": tab,
            "tabs": self.tabs,
            "can": permitted(self.actor, record, *self.actions),
            **self.tab_context(record, tab),
            **extra,
        }
        if not self.template_name:
            context.update(self.default_context(record, context))
        return render(self.request, self.template_name or defaults.DETAIL, context)

    def default_context(self, record: Any, context: dict[str, Any]) -> dict[str, Any]:
        """What the default page shows besides the record's context."""
        return defaults.record_page(self, record, context)
