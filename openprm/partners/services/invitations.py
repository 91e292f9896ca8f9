"""Portal invitations (PC-2): an e-mail with a one-time link to set a password.

The link carries Django's password-reset token, which is bound to the
user's password hash and last sign-in: once the password is set the link
stops working, so it can be used exactly once.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.identity.models import User


def invitation_path(user: User) -> str:
    return reverse(
        "portal:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invitation_send(*, user: User, base_url: str) -> str:
    """Send the invitation through Django's e-mail backend; returns the link."""
    link = base_url.rstrip("/") + invitation_path(user)
    send_mail(
        subject=_("Your partner portal invitation"),
        message=_(
            "Hello %(name)s,\n\nyou have been invited to the partner portal as "
            "“%(username)s”. Set your password with this link (it works once):\n\n%(link)s\n"
        )
        % {"name": user.display_name, "username": user.username, "link": link},
        from_email=None,
        recipient_list=[user.email],
    )
    return link


def invited_user(uidb64: str, token: str) -> User | None:
    """The active partner user a link was made for, or None when the link is
    wrong, used or for a deactivated user (PC-5)."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = (
        access.unscoped(User).filter(pk=pk, is_active=True, user_type=User.UserType.PARTNER).first()
    )
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
