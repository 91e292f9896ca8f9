"""API shapes for users, roles, privileges, resources and tokens.

Inputs forbid unknown keys, so a client can never set a field the endpoint
does not name (no mass assignment of roles, staff flags or versions).
"""

import datetime as dt

from ninja import Field, Schema

from openprm.core.apikit.types import RecordId, Version
from openprm.core.apikit.types import StrictInput as Input
from openprm.identity.actors import privileges_of
from openprm.identity.models import Role, RoleKind, User, UserType


class MeOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    user_type: UserType
    roles: list[str]
    privileges: list[str]
    version: int

    @staticmethod
    def resolve_roles(obj: User) -> list[str]:
        return sorted(r.code for r in obj.roles.all())

    @staticmethod
    def resolve_privileges(obj: User) -> list[str]:
        return sorted(privileges_of(obj))


class MeUpdateIn(Input):
    """Only the caller's own names and e-mail; `version` guards against a
    concurrent edit (PLAT-6)."""

    version: Version
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    email: str | None = Field(None, max_length=254)


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    user_type: UserType
    is_active: bool
    roles: list[str]
    version: int

    @staticmethod
    def resolve_roles(obj: User) -> list[str]:
        return sorted(r.code for r in obj.roles.all())


class UserCreateIn(Input):
    username: str = Field(..., min_length=1, max_length=150)
    password: str | None = Field(None, max_length=128)
    email: str = Field("", max_length=254)
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    # A JSON body's enum is a string: strict mode would take only the member.
    user_type: UserType = Field(UserType.INTERNAL, strict=False)
    roles: list[str] = Field(default_factory=list, max_length=50)


class UserUpdateIn(Input):
    version: Version
    email: str | None = Field(None, max_length=254)
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    roles: list[str] | None = Field(None, max_length=50)


class PasswordIn(Input):
    password: str = Field(..., min_length=1, max_length=128)


class RoleOut(Schema):
    id: int
    code: str
    name: str
    kind: RoleKind
    for_partners: bool
    privileges: list[str]
    version: int

    @staticmethod
    def resolve_privileges(obj: Role) -> list[str]:
        return sorted(p.code for p in obj.privileges.all())


class RolePrivilegesIn(Input):
    version: Version
    privileges: list[str] = Field(..., max_length=200)


class PrivilegeOut(Schema):
    code: str
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreateIn(Input):
    name: str = Field(..., min_length=1, max_length=100)
    expires_in_days: int | None = Field(None, ge=1, le=3650)


class TokenCreatedOut(TokenOut):
    """The only response that ever carries the plaintext token (PLAT-1)."""

    token: str


class ResourceOut(Schema):
    id: int
    name: str
    email: str
    title: str
    user_id: int | None
    manager_id: int | None
    is_partner_resource: bool
    active: bool
    version: int


class ResourceCreateIn(Input):
    name: str = Field(..., min_length=1, max_length=150)
    email: str = Field("", max_length=254)
    title: str = Field("", max_length=120)
    user_id: RecordId | None = None
    manager_id: RecordId | None = None
    is_partner_resource: bool = False


class ResourceUpdateIn(Input):
    version: Version
    name: str | None = Field(None, min_length=1, max_length=150)
    email: str | None = Field(None, max_length=254)
    title: str | None = Field(None, max_length=120)
    manager_id: RecordId | None = None
    active: bool | None = None
