"""The Content-Security-Policy allows no inline script or style, so no
template may carry one: the browser test visits one page per family, this
scan covers every template, including the rarely shown ones."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    [*(ROOT / "templates").rglob("*.html"), *(ROOT / "openprm").rglob("templates/**/*.html")]
)
INLINE = {
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "hx-on handler": re.compile(r"\shx-on", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert not found, f"{template.relative_to(ROOT)}: {', '.join(found)}"
