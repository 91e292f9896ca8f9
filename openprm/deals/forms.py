"""The deals forms: the partner's one short registration form with its
product lines, and the channel team's decisions."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.catalog.selectors import product_pick, product_pick_label
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.widgets import CountryChoiceField
from openprm.customers.forms import bind_account_picker
from openprm.customers.levels import AccessLevel
from openprm.customers.pickers import PickerField, RecordPickerWidget
from openprm.deals import catalog
from openprm.deals.models import Opportunity
from openprm.deals.selectors import owner_label, owner_pick, team_label, team_pick
from openprm.deals.services import LineIn

LINE_ROWS = 5
CURRENCIES = [(c, c) for c in ("USD", "EUR", "GBP", "CAD", "AUD")]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProductLinesForm(forms.Form):
    """A form with product lines entered as rows `line-<n>-product`,
    `-quantity`, `-amount` below its own fields (deals/_lines.html). Each
    row's product is found by name or code with the shared picker, however
    big the catalog; without JavaScript the typed name or code is enough
    when it names one active product."""

    close_date = forms.DateField(
        label=_("Estimated close date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES)

    def __init__(self, *args: Any, actor: Actor, pick_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.product = PickerField(url_name="", required=False)
        self.product.widget = RecordPickerWidget(pick_url)
        self.product.bind(
            pick=lambda text, limit: product_pick(actor=actor, q=text, limit=limit),
            label=lambda pk: product_pick_label(actor=actor, pk=pk),
        )
        self.line_rows = [self._line_row(n) for n in range(LINE_ROWS)]

    def _line_row(self, number: int) -> dict[str, Any]:
        prefix = f"line-{number}-"
        name, product, error, filled = prefix + "product", None, "", False
        if self.is_bound:
            values = {k: self.data.get(prefix + k, "") for k in ("quantity", "amount")}
            picked = self.product.widget.value_from_datadict(self.data, {}, name)
            filled = any(picked)
            try:
                product = self.product.clean(picked)
            except forms.ValidationError as refusal:
                error = " ".join(refusal.messages)
        else:
            values = self.initial.get("lines", {}).get(number, {})
            picked = product = values.get("product")
        attrs = {"id": name, "class": "form-control is-invalid" if error else "form-control"}
        return {
            "number": number,
            "picker": self.product.widget.render(name, picked, attrs),
            "product": product,
            "filled": filled,
            "error": error,
            "quantity": str(values.get("quantity") or ("1" if number == 0 else "")),
            "amount": str(values.get("amount") or ""),
        }

    def clean(self) -> dict[str, Any]:
        """A line whose product is vague or unknown refuses the save, its
        error shown on that line."""
        for row in self.line_rows:
            if row["error"]:
                self.add_error(
                    None,
                    _("Line %(n)s: %(problem)s")
                    % {"n": row["number"] + 1, "problem": row["error"]},
                )
        return super().clean()

    def lines(self) -> list[LineIn]:
        """The filled rows (the service checks products, quantities and
        amounts); a row that cannot be read refuses the save."""
        found, errors = [], {}
        for row in self.line_rows:
            if not (row["filled"] or row["amount"]):
                continue
            try:
                if row["product"] is None:
                    raise ValueError(row["number"])
                found.append(
                    LineIn(row["product"], int(row["quantity"] or 1), Decimal(row["amount"]))
                )
            except (ValueError, ArithmeticError):
                errors[f"lines.{row['number']}"] = [
                    _("Line %(n)s: choose a product and give a number.") % {"n": row["number"] + 1}
                ]
        if errors:
            raise ValidationFailed(field_errors=errors)
        return found

    def clean_close_date(self) -> dt.date:
        value = self.cleaned_data["close_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The estimated close date cannot be in the past."))
        return value


class RegistrationForm(ProductLinesForm):
    """The deal and its end customer, then its product lines."""

    title = forms.CharField(label=_("Deal name"), max_length=200)
    customer_name = forms.CharField(
        label=_("Customer name"),
        max_length=200,
        help_text=_("The organization that buys, as on its invoices."),
    )
    country = CountryChoiceField(label=_("Customer country"), blank="")
    web_domain = forms.CharField(
        label=_("Customer web site"), max_length=200, required=False, help_text="acme.com"
    )
    tax_id = forms.CharField(label=_("Customer tax id"), max_length=40, required=False)
    address = forms.CharField(label=_("Customer address"), max_length=300, required=False)
    description = forms.CharField(
        label=_("What the customer needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    field_order = ("title", "customer_name", "country", "web_domain", "tax_id", "address",
                   "close_date", "currency", "description")  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NoteForm(VersionForm):
    note = forms.CharField(
        label=_("What the partner must add"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(VersionForm):
    note = forms.CharField(
        label=_("Why the protection ends"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RejectForm(VersionForm):
    reason = forms.ChoiceField(label=_("Reason"))
    note = forms.CharField(
        label=_("Note to the partner"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a reason")),
            *lookup_choices(catalog.REJECT_REASONS),
        ]


class ApproveForm(VersionForm):
    account_id = PickerField(
        label=_("Customer's sales account"),
        url_name="customers:account_pick",
        help_text=_("Needed when the partner named a customer that is not matched to an account."),
    )
    reject_others = forms.BooleanField(
        label=_("Reject the conflicting registrations (an earlier registration holds this deal)"),
        required=False,
    )
    conflict_note = forms.CharField(
        label=_("Or approve despite the conflict, because"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["account_id"], actor)


class OpportunityForm(ProductLinesForm):
    account_id = PickerField(
        label=_("Sales account"), url_name="customers:account_pick", required=True
    )
    name = forms.CharField(label=_("Opportunity name"), max_length=200)
    field_order = ("account_id", "name", "close_date", "currency")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        bind_account_picker(self.fields["account_id"], actor)


class OpportunityEditForm(VersionForm):
    """What a partner on the deal's team edits; the service refuses a past
    close date, a non-positive amount and money changes once closed."""

    name = forms.CharField(label=_("Opportunity name"), max_length=200)
    close_date = forms.DateField(
        label=_("Estimated close date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=16,
        decimal_places=2,
        help_text=_("Adding or removing a product line sets it to the lines' total again."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES)
    edited = ("name", "close_date", "amount", "currency")

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        initial = {name: getattr(opportunity, name) for name in (*self.edited, "account_id")}
        super().__init__(*args, initial={**initial, "version": opportunity.version}, **kwargs)
        if opportunity.currency not in dict(CURRENCIES):
            self.fields["currency"].choices = [  # type: ignore[attr-defined]
                (opportunity.currency, opportunity.currency),
                *CURRENCIES,
            ]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.edited}


class InternalOpportunityEditForm(OpportunityEditForm):
    """The brand owner's people may also move the deal to another sales
    account (DEAL-1)."""

    account_id = PickerField(
        label=_("Sales account"), url_name="customers:account_pick", required=True
    )
    field_order = ("name", "account_id", "close_date", "amount", "currency")
    edited = (*OpportunityEditForm.edited, "account_id")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["account_id"], actor)


class OpportunityLineForm(forms.Form):
    """One more product on an open deal, found by name or code however big
    the catalog; the service refuses an inactive product and a non-positive
    amount."""

    product_id = PickerField(
        label=_("Product"),
        url_name="catalog:product_list",
        required=True,
        help_text=_("Type a product's name or code and choose it from the list."),
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=16, decimal_places=2, help_text=_("The line's total.")
    )

    def __init__(self, *args: Any, actor: Actor, pick_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        product = self.fields["product_id"]
        product.widget = RecordPickerWidget(pick_url)
        product.bind(  # type: ignore[attr-defined]
            pick=lambda text, limit: product_pick(actor=actor, q=text, limit=limit),
            label=lambda pk: product_pick_label(actor=actor, pk=pk),
        )

    def line(self) -> LineIn:
        data = self.cleaned_data
        return LineIn(data["product_id"], data["quantity"], data["amount"])


class LineRemoveForm(forms.Form):
    """The line to remove, named by the Remove button of its row."""

    line_id = forms.IntegerField(widget=forms.HiddenInput)


class TeamMemberForm(forms.Form):
    """A person for the deal's team (DEAL-9), found by name among however
    many of the brand owner's and the partners' people there are."""

    resource_id = PickerField(
        label=_("Person"),
        url_name="",
        required=True,
        help_text=_("Type a name and choose the person from the list."),
    )
    access_level = forms.ChoiceField(
        label=_("Access"), choices=AccessLevel.choices, initial=AccessLevel.EDIT
    )

    def __init__(self, *args: Any, opportunity: Opportunity, pick_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["resource_id"]
        person.widget = RecordPickerWidget(pick_url, hint=_("Type a person's name…"))
        person.bind(  # type: ignore[attr-defined]
            pick=lambda text, limit: team_pick(opportunity=opportunity, q=text, limit=limit),
            label=team_label,
        )


class TeamMemberRemoveForm(forms.Form):
    """The member to remove, named by the Remove button of its row."""

    member_id = forms.IntegerField(widget=forms.HiddenInput)


class OwnerForm(VersionForm):
    """The deal's new owner (TEAM-2: Full access gives a deal away), found
    by name among however many of the brand owner's people there are."""

    owner_id = PickerField(
        label=_("Owned by"),
        url_name="",
        required=True,
        help_text=_("Type a name and choose the person from the list."),
    )

    def __init__(self, *args: Any, pick_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner_id"]
        owner.widget = RecordPickerWidget(pick_url, hint=_("Type a person's name…"))
        owner.bind(  # type: ignore[attr-defined]
            pick=lambda text, limit: owner_pick(q=text, limit=limit), label=owner_label
        )


class StageForm(VersionForm):
    stage = forms.ChoiceField(label=_("Stage"), choices=Opportunity.Stage.choices)


class LeadForm(forms.Form):
    account_id = PickerField(label=_("Account"), url_name="customers:account_pick", required=True)
    name = forms.CharField(label=_("Lead"), max_length=200)
    amount = forms.DecimalField(label=_("Estimated amount"), min_value=0, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["account_id"], actor)


class RouteForm(VersionForm):
    partner_id = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why you decline"), max_length=300)
