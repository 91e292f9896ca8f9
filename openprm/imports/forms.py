"""Forms of the import pages: upload, then map columns (IMP-1)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.imports.kinds import kinds
from openprm.imports.kinds.base import CUSTOM_PREFIX, ImportKind
from openprm.imports.models import ImportJob
from openprm.imports.readers import EXCEL_SUFFIXES
from openprm.imports.updates import updates_supported
from openprm.imports.values import ValueChoice, ValueMapping


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to import"))
    file = forms.FileField(label=_("CSV or Excel file"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in kinds()]
        self.fields["file"].widget.attrs["accept"] = ",".join((".csv", ".txt", *EXCEL_SUFFIXES))


class MappingForm(forms.Form):
    """One choice per file column: the field it feeds, or nothing."""

    def __init__(
        self,
        *args: Any,
        kind: ImportKind,
        header: list[str],
        custom_names: list[str],
        initial_mapping: dict[str, str],
        samples: dict[str, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— do not import —"))]
        choices += [
            (c.name, f"{c.label} ({_('required')})" if c.required else c.label)
            for c in kind.columns
        ]
        choices += [(CUSTOM_PREFIX + n, f"{_('Custom field')}: {n}") for n in custom_names]
        self.header = header
        for index, title in enumerate(header):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=title or f"#{index + 1}",
                choices=choices,
                required=False,
                initial=initial_mapping.get(title, ""),
                help_text=_("For example: %s") % " · ".join(samples[title])
                if samples and samples.get(title)
                else _("Empty in the first rows."),
            )
        if "account" in kind.column_names:
            self.fields["missing_customers"] = forms.ChoiceField(
                label=_("When a contact's customer is not an account"),
                choices=ImportJob.MissingCustomers.choices,
                initial=ImportJob.MissingCustomers.REJECT,
                required=False,
            )
        if updates_supported(kind.code):
            self.fields["existing"] = forms.ChoiceField(
                label=_("When a row matches an existing record"),
                choices=ImportJob.Existing.choices,
                initial=ImportJob.Existing.SKIP,
                required=False,
                help_text=_(
                    "Matched by the external ID of an earlier import, else by the duplicate "
                    "rule. An update changes only the fields the file gives."
                ),
            )
        self.fields["dry_run"] = forms.BooleanField(
            label=_("Check first (dry run)"),
            required=False,
            help_text=_(
                "Every row is checked as the import would, and the result shows what would "
                "be created, updated, skipped and rejected. Nothing is written; import the "
                "file from the result page."
            ),
        )

    def mapping(self) -> dict[str, str]:
        return {
            title: self.cleaned_data.get(f"col_{index}", "")
            for index, title in enumerate(self.header)
        }


class ValueMappingForm(forms.Form):
    """One choice per value of a choice column that the rules do not read
    as it is: the value of ours it becomes, or as it is (issue 18)."""

    def __init__(self, *args: Any, choices: list[ValueChoice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        for index, choice in enumerate(choices):
            self.fields[f"v_{index}"] = forms.ChoiceField(
                label=f"{choice.field_label}: {choice.value}",
                choices=[("", _("— as it is (left out when unknown) —")), *choice.options],
                required=False,
                initial=choice.suggestion,
                help_text=_("%(rows)s rows") % {"rows": choice.rows},
            )

    def value_mapping(self) -> ValueMapping:
        chosen: ValueMapping = {}
        for index, choice in enumerate(self.choices):
            code = self.cleaned_data.get(f"v_{index}", "")
            if code:
                chosen.setdefault(choice.field, {})[choice.value] = code
        return chosen
