"""Search keys for names (DESIGN.md: search a normalized indexed column)."""

import unicodedata


def search_key(text: str) -> str:
    """Lower-cased, accent-stripped, whitespace-collapsed form of `text`.

    Stored in `name_search` so a prefix search is an index range scan and
    "Société Générale" is found by "societe".
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
