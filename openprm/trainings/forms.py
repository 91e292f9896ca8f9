"""The trainings forms: the catalogue (Manage Partner Programs), a
completion with its evidence, a certification issued or revoked."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.partners.models import PartnerContact
from openprm.trainings.models import Training

DATE = forms.DateInput(attrs={"type": "date"})


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PartnerContact) -> str:
        return f"{obj.person.full_name} ({obj.partner.account.name})"


class TrainingForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    topic = forms.CharField(label=_("Product family or topic"), max_length=80, required=False)
    duration_hours = forms.DecimalField(
        label=_("Duration (hours)"), min_value=0, max_digits=5, decimal_places=1, initial=1
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_active = forms.BooleanField(
        label=_("Active: partners can record it as completed"), required=False, initial=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class CertificationForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Tier requirements name it.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"), min_value=1, max_value=120, initial=24
    )
    required_trainings = forms.ModelMultipleChoiceField(
        label=_("Required trainings"),
        queryset=Training.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, trainings: QuerySet[Training], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_trainings"].queryset = trainings  # type: ignore[attr-defined]


class CompletionForm(forms.Form):
    contact = PersonChoice(label=_("Person"), queryset=PartnerContact.objects.none())
    training = forms.ModelChoiceField(label=_("Training"), queryset=Training.objects.none())
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    evidence = forms.FileField(
        label=_("Certificate file"),
        required=False,
        help_text=_("PDF, PNG or JPEG, at most 5 MB."),
    )
    evidence_reference = forms.CharField(
        label=_("Or its link or reference"), max_length=300, required=False
    )

    def __init__(
        self,
        *args: Any,
        contacts: QuerySet[PartnerContact],
        trainings: QuerySet[Training],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts  # type: ignore[attr-defined]
        self.fields["training"].queryset = trainings  # type: ignore[attr-defined]


class HeldForm(forms.Form):
    holder = PersonChoice(label=_("Person"), queryset=PartnerContact.objects.none())
    certification = forms.ModelChoiceField(label=_("Certification"), queryset=None)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for the issue date plus the certification's validity."),
    )

    def __init__(
        self,
        *args: Any,
        contacts: QuerySet[PartnerContact],
        certifications: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = contacts  # type: ignore[attr-defined]
        self.fields["certification"].queryset = certifications  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
