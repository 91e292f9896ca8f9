"""The normalized conflict keys of a customer (DEAL-7).

Partners type the same customer differently ("ACME Corp.", "https://www.acme.com/",
"de 123 456 789"); the keys are stored normalized so that equal customers
compare equal with an index lookup.
"""

import re
from urllib.parse import urlsplit

from openprm.core.search import search_key

_LEGAL_SUFFIXES = frozenset(
    {"inc", "incorporated", "corp", "corporation", "co", "company", "llc", "ltd", "limited",
     "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "plc", "pty", "srl", "spa", "oy", "ab"}
)  # fmt: skip
_NOT_WORD = re.compile(r"[^\w]+")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def name_key(name: str) -> str:
    """ "ACME Corp." and "Acme Corporation" are one customer; legal-form
    words and punctuation do not tell customers apart."""
    words = _NOT_WORD.sub(" ", search_key(name)).split()
    kept = [w for w in words if w not in _LEGAL_SUFFIXES] or words
    return " ".join(kept)


def domain_key(domain: str) -> str:
    """The host of a web address, lower-case, without `www.`."""
    text = (domain or "").strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else f"//{text}").hostname or ""
    return host.removeprefix("www.").rstrip(".")


def tax_id_key(tax_id: str) -> str:
    """Tax ids compare by their letters and digits only."""
    return _NOT_ALNUM.sub("", (tax_id or "").upper())
