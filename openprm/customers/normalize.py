"""Search keys for names (DESIGN.md: search a normalized indexed column).

The key function lives in openprm.core.search with the range helper that
searches it; this module keeps the customers import path working.
"""

from openprm.core.search import search_key

__all__ = ["search_key"]
