"""The import kinds registry (IMP-1): each kind knows its columns and how to
validate and insert a batch of rows by the rules of a manual create."""

from openprm.imports.kinds.base import ImportKind, kind_get, kinds, register_kind

__all__ = ["ImportKind", "kind_get", "kinds", "register_kind"]
