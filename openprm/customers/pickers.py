"""Search-as-you-type pickers for a related record (CUS-6 parent account,
CON-12 relationship customer, CUS-1 household member).

The widget is a text box that, with HTMX, GETs a small fragment of matches
from a picker endpoint; choosing one fills a hidden id. Without JavaScript
the text box is a plain input: the field resolves the typed name (or
number) itself. Either way the candidates come from a visibility-scoped
selector, so only records the user may see (and, for accounts, active ones:
CUS-9, TEAM-5) are offered, and the service re-checks what is submitted.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SEARCH_SUFFIX = "_search"
PICK_LIMIT = 10

Pick = Callable[[str, int], Sequence[Any]]
"""(typed text, limit) -> matching visible records, best first."""
Label = Callable[[Any], str | None]
"""record id -> its display name when the actor may see it."""


class PickerWidget(forms.Widget):
    template_name = "customers/widgets/picker.html"
    hint: str | Promise = _("Type a name or a number…")
    """The text box's placeholder: what the search matches on."""

    def __init__(self, url_name: str, label: Label | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_name = url_name
        self.label = label

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str]:
        return (str(data.get(name) or "").strip(), str(data.get(name + SEARCH_SUFFIX) or ""))

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + SEARCH_SUFFIX not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if isinstance(value, tuple):
            picked, text = value
        else:
            picked, text = ("" if value in (None, "") else str(value)), ""
        if picked.isdigit() and not text and self.label is not None:
            text = self.label(picked) or ""
        context["widget"].update(
            picked=picked,
            text=text,
            search_name=name + SEARCH_SUFFIX,
            url=f"{self.search_url()}?field={name}",
            hint=self.hint,
        )
        return context

    def search_url(self) -> str:
        return reverse(self.url_name)


class RecordPickerWidget(PickerWidget):
    """A picker whose matches depend on one record (an order's price list,
    an opportunity's editor), so they are read from that record's own URL.
    Most pick products, found by name or code; `hint` says otherwise."""

    hint = _("Type a product's name or code…")

    def __init__(self, url: str, hint: str | Promise | None = None) -> None:
        super().__init__(url_name="")
        self.url = url
        if hint is not None:
            self.hint = hint

    def search_url(self) -> str:
        return self.url


def picked_text(request: HttpRequest) -> str:
    """What the user typed in the picker that asks (`?field=`), or `?q=`."""
    field = request.GET.get("field", "")
    return request.GET.get(f"{field}{SEARCH_SUFFIX}", "") or request.GET.get("q", "")


def pick_results(request: HttpRequest, text: str, matches: Sequence[Any]) -> HttpResponse:
    """The list of matches a picker shows under its text box; each match
    has `pk`, `label` and `detail`."""
    return render(
        request, "customers/_pick_results.html", {"matches": matches, "searched": bool(text)}
    )


class PickerField(forms.Field):
    """An id chosen with a PickerWidget, or typed as a name or a number."""

    default_error_messages = {
        "none": _("Nothing you can see starts with “%(text)s”."),
        "several": _("Several records start with “%(text)s”: choose one from the list."),
        "invalid": _("Choose a record from the list."),
    }

    def __init__(self, *, url_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(widget=PickerWidget(url_name), **kwargs)
        self.pick: Pick | None = None

    def bind(self, *, pick: Pick, label: Label) -> None:
        """Give the field the actor-scoped search and label lookups."""
        self.pick = pick
        assert isinstance(self.widget, PickerWidget)
        self.widget.label = label

    def to_python(self, value: Any) -> int | None:
        picked, text = value if isinstance(value, tuple) else (value, "")
        picked, text = str(picked or "").strip(), str(text or "").strip()
        if picked:
            if not picked.isdigit() or int(picked) < 1:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            return int(picked)
        if not text:
            return None
        if text.isdigit() and int(text) >= 1:
            return int(text)
        matches = list(self.pick(text, PICK_LIMIT)) if self.pick is not None else []
        exact = [m for m in matches if text.casefold() in _names(m)]
        if len(exact) == 1 or len(matches) == 1:
            return int((exact or matches)[0].pk)
        code = "several" if matches else "none"
        raise forms.ValidationError(self.error_messages[code], code=code, params={"text": text})


def _names(record: Any) -> set[str]:
    """What a user may type to name `record` exactly: how it reads, its
    name or its code (a product "Firewall 100 (FW-100)" is also
    "Firewall 100" and "FW-100")."""
    names = (str(record), getattr(record, "name", None), getattr(record, "code", None))
    return {str(name).casefold() for name in names if name}
