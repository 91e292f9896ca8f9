"""Abuse protection of the public application form and API, without any
outside service (PRG-10): a rate limit per client address (read behind
the trusted reverse proxies, core/client_address.py) counted by
django-ratelimit in the shared database cache, each count one atomic
statement (core/counter_cache.py, docs/decisions.md), a size
limit on the whole request (every field has its own in the form and the
schema), and the form's honeypot field (forms.py).

The page and the API share one counter, so switching between them gains a
client nothing. The limit is the profile option
ZPR_APPLICATIONS_PER_ADDRESS_HOUR.
"""

from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from openprm.core.client_address import client_address
from openprm.core.options.selectors import profile_option_value
from openprm.recruitment.catalog import APPLICATIONS_PER_HOUR

GROUP = "recruitment.apply"
MAX_REQUEST_BYTES = 16_384
"""Every field at its maximum fits in well under this."""


def _rate(group: str, request: HttpRequest) -> str:
    try:
        per_hour = max(int(profile_option_value(APPLICATIONS_PER_HOUR)), 1)
    except ValueError:
        per_hour = 10
    return f"{per_hour}/h"


def _address(group: str, request: HttpRequest) -> str:
    """The client's address, behind the trusted proxies too
    (OPENPRM_TRUSTED_PROXIES); a request without one (an in-process WSGI
    caller) counts under one shared key rather than failing."""
    return client_address(request) or "unknown"


def retry_after(request: HttpRequest) -> int | None:
    """Count this submission against its address; the seconds until the
    address may submit again when it is over the limit, else None."""
    usage = get_usage(request, group=GROUP, key=_address, rate=_rate, method=ALL, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(int(usage["time_left"]), 1)


def too_large(request: HttpRequest) -> bool:
    """Judged on the declared length, before the body is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_REQUEST_BYTES
