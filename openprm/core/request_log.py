"""One line per refused request on the console, not a traceback.

Django logs every 4xx answer on `django.request`: "Not Found: /x" for a
404, and for a 403 raised as PermissionDenied (every refused privilege,
core.views.web.html_errors) the whole traceback of the refusal. A refusal
is the access rules working, not an error; a console full of tracebacks
hid the real ones. `RefusedRequestLine` rewrites each 4xx record of that
logger into one line — method, path, status, user id — and drops its
traceback; 5xx records keep theirs.
"""

import logging
from typing import Any


def request_user_id(request: Any) -> str:
    """The acting user's id (the API's token user included), or "-"."""
    actor = getattr(request, "actor", None)
    if actor is not None and actor.pk is not None:
        return str(actor.pk)
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.pk)
    return "-"


class RefusedRequestLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        request = getattr(record, "request", None)
        if not isinstance(status, int) or not 400 <= status < 500 or request is None:
            return True
        record.msg = "%s %s %s user=%s"
        record.args = (request.method, request.get_full_path(), status, request_user_id(request))
        record.exc_info = None
        record.exc_text = None
        return True
