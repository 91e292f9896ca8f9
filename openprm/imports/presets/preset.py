"""What a preset is: one product's export of one kind of record, recognised
from a file's header (the package's docstring tells how it is used)."""

from dataclasses import dataclass, field

from openprm.core.search import search_key


@dataclass(frozen=True)
class Preset:
    code: str
    label: str
    kind: str
    columns: dict[str, str]
    """Header → target field; the first headers are the signature."""
    signature: tuple[str, ...]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per target field, our code for each of the product's values."""

    def mapping_for(self, header: list[str]) -> dict[str, str]:
        """The file's own header titles → target fields, each target once."""
        columns = {search_key(title): target for title, target in self.columns.items()}
        result: dict[str, str] = {}
        for title in header:
            target = columns.get(search_key(title))
            if target and target not in result.values():
                result[title] = target
        return result

    def matched(self, header: list[str]) -> int:
        keys = {search_key(title) for title in header}
        return sum(1 for title in self.signature if search_key(title) in keys)


def values_of(pairs: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {name: {search_key(k): v for k, v in values.items()} for name, values in pairs.items()}
