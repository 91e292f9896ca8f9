"""Deleted accounts (CUS-9): the list administrators restore from, and the
restore button."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.views.generic import RecordList
from openprm.core.views.web import html_errors
from openprm.customers import services, tables
from openprm.customers.catalog import RESTORE_SALES_PARTY
from openprm.customers.models import Account
from openprm.customers.tables import account_url


class DeletedAccountList(RecordList):
    """CUS-9: administrators find deleted accounts here and restore them."""

    model = Account
    privilege = RESTORE_SALES_PARTY
    spec = tables.DELETED_ACCOUNTS
    template_name = "customers/deleted_account_list.html"


@require_POST
@html_errors
def account_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """CUS-9: a deleted account is not visible, so the service finds it."""
    account = services.account_restore(actor=request.actor, pk=pk)
    messages.success(request, _("Account “%s” restored.") % account.name)
    return redirect(account_url(account))
