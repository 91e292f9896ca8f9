"""The filter of the partner setup list (page, files, API)."""

from ninja import FilterSchema

from openprm.onboarding.steps import SetupStep


class SetupFilter(FilterSchema):
    """`missing`: one step the partners lack; the selector knows what each means."""

    missing: SetupStep | None = None
