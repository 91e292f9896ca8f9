"""What the application logs, and where."""

import os

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403, 404, …) is one line, not a traceback (core.request_log).
    "filters": {"refused_request_line": {"()": "openprm.core.request_log.RefusedRequestLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["refused_request_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENPRM_LOG_LEVEL", "WARNING")},
}
