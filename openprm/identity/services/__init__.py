"""Every write on users, roles, resources and tokens (PLAT-1, PLAT-2).

Users are users.py; roles' privileges and resources resources.py; API
tokens tokens.py.
"""

from openprm.identity.services.resources import (
    resource_create,
    resource_set_manager,
    resource_update,
    role_set_privileges,
)
from openprm.identity.services.tokens import (
    token_create,
    token_revoke,
)
from openprm.identity.services.users import (
    user_create,
    user_set_active,
    user_set_password,
    user_update,
    user_update_self,
)

__all__ = [
    "resource_create",
    "resource_set_manager",
    "resource_update",
    "role_set_privileges",
    "token_create",
    "token_revoke",
    "user_create",
    "user_set_active",
    "user_set_password",
    "user_update",
    "user_update_self",
]
