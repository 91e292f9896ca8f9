"""Forms of the user, role and resource pages: they parse input, services decide."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.forms import VersionedForm
from openprm.identity.actors import actor_for
from openprm.identity.models import Privilege, Resource, Role, User
from openprm.identity.sign_in import sign_in_refusal

ACTIVE_CHOICES = [("", _("Any")), ("true", _("Active")), ("false", _("Inactive"))]


class SignInForm(AuthenticationForm):
    """Django's sign-in form; a partner user whose organization's portal is
    switched off is told so once its password is right (PRG-13)."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        refusal = sign_in_refusal(actor_for(user))
        if refusal is not None:
            raise forms.ValidationError(refusal, code="portal_disabled")


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Leave empty for a token that does not expire."),
    )


class UserFilterForm(forms.Form):
    """Renders the user list filters; identity.filters.UserFilter applies them."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("User name, last name…")}),
    )
    active = forms.ChoiceField(label=_("Status"), required=False, choices=ACTIVE_CHOICES)
    role = forms.ChoiceField(label=_("Role"), required=False)
    user_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any")), *User.UserType.choices]
    )

    def __init__(self, *args: Any, roles: QuerySet[Role], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Any")), *((r.code, r.name) for r in roles)]


def _roles_field(roles: QuerySet[Role]) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=roles,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the roles that fit the user type are offered."),
    )


def roles_fitting(roles: QuerySet[Role], user_type: str) -> QuerySet[Role]:
    return roles.filter(for_partners=user_type == User.UserType.PARTNER)


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    user_type = forms.ChoiceField(
        label=_("User type"), choices=User.UserType.choices, initial=User.UserType.INTERNAL
    )
    roles = forms.ModelMultipleChoiceField(queryset=Role.objects.none())
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(
        self, *args: Any, roles: QuerySet[Role], user_type: str, refresh_url: str, **kwargs: Any
    ) -> None:
        """Roles on offer follow the chosen user type: HTMX redraws them from
        `refresh_url` when the type changes."""
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _roles_field(roles_fitting(roles, user_type))
        self.fields["user_type"].widget.attrs.update(
            {
                "hx-get": refresh_url,
                "hx-target": "#id_roles_wrap",
                "hx-select": "#id_roles_wrap",
                "hx-swap": "outerHTML",
            }
        )


class UserEditForm(VersionedForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    roles = forms.ModelMultipleChoiceField(queryset=Role.objects.none())

    def __init__(self, *args: Any, roles: QuerySet[Role], user_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"] = _roles_field(roles_fitting(roles, user_type))


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )
    confirm = forms.CharField(
        label=_("Repeat the new password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("confirm"):
            self.add_error("confirm", _("The two passwords differ."))
        return data


class RolePrivilegesForm(VersionedForm):
    privileges = forms.ModelMultipleChoiceField(
        label=_("Privileges"),
        queryset=Privilege.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, privileges: QuerySet[Privilege], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["privileges"].queryset = privileges  # type: ignore[attr-defined]


class ResourceManagerForm(VersionedForm):
    manager = forms.ModelChoiceField(
        label=_("Manager"),
        queryset=Resource.objects.none(),
        required=False,
        empty_label=_("— no manager —"),
    )

    def __init__(self, *args: Any, resources: QuerySet[Resource], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = resources  # type: ignore[attr-defined]
