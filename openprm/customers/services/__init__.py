"""Every write on accounts, legal entities, billing accounts and notes.

The rules of CUS-1..CUS-9 live here; views, API handlers and the demo seeder
call these functions and nothing else writes these tables.

Creating and editing accounts is accounts.py, with what they check beyond
`customers.rules` in account_checks.py; deleting, restoring and converting
lifecycle.py; legal entities and billing accounts entities.py; notes
notes.py.
"""

from openprm.customers.services.account_checks import (
    SELL_TO_OPTION,
    account_rule_data,
    default_account_type,
)
from openprm.customers.services.accounts import (
    account_create,
    account_get_for_delete,
    account_get_for_edit,
    account_update,
)
from openprm.customers.services.entities import (
    billing_account_create,
    billing_account_update,
    legal_entity_create,
    legal_entity_update,
)
from openprm.customers.services.lifecycle import (
    account_convert_to_sales_account,
    account_delete,
    account_restore,
    deleted_account_get,
)
from openprm.customers.services.notes import note_create

__all__ = [
    "SELL_TO_OPTION",
    "account_convert_to_sales_account",
    "account_create",
    "account_delete",
    "account_get_for_delete",
    "account_get_for_edit",
    "account_restore",
    "account_rule_data",
    "account_update",
    "billing_account_create",
    "billing_account_update",
    "default_account_type",
    "deleted_account_get",
    "legal_entity_create",
    "legal_entity_update",
    "note_create",
]
