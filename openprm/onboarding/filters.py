"""The filter of the partner setup list (page, files, API)."""

from typing import Literal

from ninja import FilterSchema

StepCode = Literal["partnership", "organization", "user_access", "invitations", "first_sign_in"]


class SetupFilter(FilterSchema):
    """`missing`: one step the partners lack; the selector knows what each means."""

    missing: StepCode | None = None
