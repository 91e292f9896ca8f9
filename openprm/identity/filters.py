"""The one filter definition of the user list, shared by the page, the API and
the export (so all three show exactly the same rows)."""

from typing import Annotated

from ninja import FilterLookup, FilterSchema

from openprm.identity.models import UserType


class UserFilter(FilterSchema):
    q: Annotated[
        str | None,
        FilterLookup(["username__istartswith", "last_name__istartswith", "email__istartswith"]),
    ] = None
    active: Annotated[bool | None, FilterLookup("is_active")] = None
    role: Annotated[str | None, FilterLookup("roles__code")] = None
    user_type: Annotated[UserType | None, FilterLookup("user_type")] = None
