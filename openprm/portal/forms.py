"""Portal forms: they parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.partners.models import PartnerContact


class PortalUserForm(forms.Form):
    """PRG-2: what a partner administrator changes about its users."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    portal_user_type = forms.ChoiceField(
        label=_("User type"), choices=PartnerContact.PortalUserType.choices
    )
    is_active = forms.BooleanField(label=_("Active"), required=False)
