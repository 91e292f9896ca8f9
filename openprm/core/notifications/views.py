"""Opening a notification marks it read and follows its link."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from openprm.core.notifications.services import notification_mark_read
from openprm.core.views.pages import shared_page
from openprm.core.views.web import html_errors


@shared_page
@html_errors
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Only one's own notification (another's is 404); only a link inside
    the app is followed."""
    notification = notification_mark_read(actor=request.actor, pk=pk)
    safe = url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.link if notification.link and safe else "home")
