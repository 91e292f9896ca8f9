"""Personal access token format and digest (PLAT-1).

Tokens are 256 random bits from `secrets`; only their SHA-256 digest is
stored, which is the standard for high-entropy secrets (a slow password hash
would buy nothing and cost every API request).
"""

import hashlib
import secrets

TOKEN_PREFIX = "oprm_"


def token_generate() -> tuple[str, str, str]:
    """A new token as (plaintext, display prefix, digest)."""
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return plaintext, plaintext[: len(TOKEN_PREFIX) + 6], token_digest(plaintext)


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()
