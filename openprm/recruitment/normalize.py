"""The keys an applicant is compared by (PRG-10): its web domain without
scheme, path or "www.", its tax id without spaces or punctuation, and its
name's search key (core.search, the accounts' own)."""

from urllib.parse import urlsplit

from openprm.core.search import search_key

__all__ = ["domain_key", "search_key", "tax_key"]


def domain_key(website: str) -> str:
    """`https://WWW.Example.com/partners` → `example.com`."""
    text = website.strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.").rstrip(".")


def tax_key(tax_id: str) -> str:
    """`DE 123.456.789` → `DE123456789`."""
    return "".join(c for c in tax_id.upper() if c.isalnum())
