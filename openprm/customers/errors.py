"""The codes of the customers app's refusals: part of the API contract, never
renamed."""

from enum import StrEnum


class CustomerErrorCode(StrEnum):
    ACCOUNT_EDIT_ACCESS_REQUIRED = "account_edit_access_required"
    ALREADY_SALES_ACCOUNT = "already_sales_account"
    DUPLICATE_ACCOUNTS = "duplicate_accounts"
    QUALIFICATION_FAILED = "qualification_failed"
