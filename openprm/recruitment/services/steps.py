"""What every step of an application shares: the states it may move from,
the versioned write of an internal user's decision, and the e-mail that
tells the applicant (PRG-1, PRG-10)."""

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.core.records import record_update
from openprm.recruitment.errors import RecruitmentErrorCode
from openprm.recruitment.models import Application


def require_state(application: Application, *states: str) -> None:
    """An application moves only from the states a step names (its life
    cycle: the package's docstring); any other is refused with the state it
    is in."""
    if application.state not in states:
        raise Conflict(
            _("This application is %(state)s; it cannot be changed this way.")
            % {"state": application.get_state_display().lower()},
            code=RecruitmentErrorCode.APPLICATION_STATE,
        )


def decide(
    actor: Actor, application: Application, expected_version: int, **changes: Any
) -> Application:
    """An internal user's step on the application: a versioned, audited write."""
    return record_update(
        actor=actor, instance=application, changes=changes, expected_version=expected_version
    )


def mail_applicant(application: Application, subject: str, text: str, base_url: str) -> None:
    """An e-mail to the applicant with its private status link, once the
    change is committed."""
    link = base_url.rstrip("/") + application.status_path()
    body = _("Hello %(name)s,\n\n%(text)s\n\nFollow your application here:\n%(link)s\n") % {
        "name": application.contact_name,
        "text": text,
        "link": link,
    }
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [application.email], fail_silently=True),
        robust=True,
    )
