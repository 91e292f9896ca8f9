"""The production secret key must be strong: it signs sessions, CSRF tokens
and password-reset links, so a short, guessable or copied-from-the-docs key
lets anyone forge them. A weak key stops start-up instead of running."""

import math
from collections import Counter

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
)
from django.core.exceptions import ImproperlyConfigured

# Per-character (Shannon) entropy of the key's own characters: a random key
# scores about 4 bits (hexadecimal) to 5-6 bits (Django's or URL-safe
# alphabets); repeated or word-like keys score far less.
MIN_BITS_PER_CHARACTER = 3.5
# Placeholders seen in examples and templates; a key containing one was
# copied, not generated.
KNOWN_PLACEHOLDERS = (
    "changeme",
    "change-me",
    "change_me",
    "secret",
    "insecure",
    "password",
    "default",
    "example",
    "dummy",
    "placeholder",
)
HOW_TO_GENERATE = "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def _bits_per_character(key: str) -> float:
    counts = Counter(key)
    return -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())


def production_secret_key_problem(key: str | None) -> str | None:
    """Why `key` is unfit for production, or None when it is fit."""
    if not key:
        return "OPENPRM_SECRET_KEY must be set in production."
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return (
            f"OPENPRM_SECRET_KEY is too short ({len(key)} characters; "
            f"at least {SECRET_KEY_MIN_LENGTH})."
        )
    lowered = key.lower()
    if lowered.startswith(SECRET_KEY_INSECURE_PREFIX) or any(
        word in lowered for word in KNOWN_PLACEHOLDERS
    ):
        return "OPENPRM_SECRET_KEY is a known default or placeholder."
    if _bits_per_character(key) < MIN_BITS_PER_CHARACTER:
        return "OPENPRM_SECRET_KEY is not random enough (too few different characters)."
    return None


def require_production_secret_key(key: str | None) -> str:
    """The key itself, or ImproperlyConfigured naming what is wrong with it."""
    if problem := production_secret_key_problem(key):
        raise ImproperlyConfigured(f"{problem} {HOW_TO_GENERATE}")
    return key or ""
