"""The front-end files the app serves from npm packages (package.json), and
the inline icons drawn from the icon package.

Only the named files of each package are static files: pointing
STATICFILES_DIRS at a whole `dist` folder would also publish (and make
collectstatic post-process) stylesheets whose images the package keeps
elsewhere, and hundreds of files no page uses. Everything is served by the
app itself, never by a CDN.
"""

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import utils
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage, Error
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

NPM_HINT = "Install the front-end packages with `npm ci` (scripts/run.sh and scripts/test.sh do)."

# URL prefix under STATIC_URL → (folder inside node_modules, files served from it)
NODE_ASSETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tabler": (
        "@tabler/core/dist",
        (
            "css/tabler.min.css",
            "css/tabler.min.css.map",
            "js/tabler.min.js",
            "js/tabler.min.js.map",
        ),
    ),
    "chartjs": ("chart.js/dist", ("chart.umd.min.js", "chart.umd.min.js.map")),
}


class NodeModulesFinder(BaseFinder):
    """Finds the files named in NODE_ASSETS in node_modules, each under its
    prefix (`tabler/css/tabler.min.css`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.storages: dict[str, FileSystemStorage] = {}
        self.files: dict[str, tuple[str, ...]] = {}
        for prefix, (folder, files) in NODE_ASSETS.items():
            storage = FileSystemStorage(location=Path(settings.NODE_MODULES) / folder)
            storage.prefix = prefix  # collectstatic copies to <prefix>/<file>
            self.storages[prefix] = storage
            self.files[prefix] = files

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        missing = [
            f"{prefix}/{name}"
            for prefix, storage in self.storages.items()
            for name in self.files[prefix]
            if not storage.exists(name)
        ]
        if not Path(settings.OPENPRM_ICONS_DIR).is_dir():
            missing.append(str(settings.OPENPRM_ICONS_DIR))
        if not missing:
            return []
        return [
            Error(
                f"Front-end files missing from node_modules: {', '.join(missing)}",
                hint=NPM_HINT,
                id="openprm.E001",
            )
        ]

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        prefix, _, name = path.partition("/")
        storage = self.storages.get(prefix)
        if storage is None or name not in self.files[prefix] or not storage.exists(name):
            return []
        match = storage.path(name)
        return [match] if find_all else match

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for prefix, storage in self.storages.items():
            for name in self.files[prefix]:
                if storage.exists(name) and not utils.matches_patterns(name, ignore_patterns or []):
                    yield name, storage


ICON_NAME = re.compile(r"^[a-z0-9-]+$")
SVG_BODY = re.compile(r"<svg[^>]*>(.*)</svg>", re.DOTALL)
# Every outline icon starts with an invisible 24x24 frame; it draws nothing.
FRAME = re.compile(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>')


@cache
def _icon_paths(name: str, style: str) -> str:
    if not ICON_NAME.match(name):
        raise ValueError(f"not an icon name: {name!r}")
    folder = Path(settings.OPENPRM_ICONS_DIR)
    if not folder.is_dir():
        raise ImproperlyConfigured(f"The icon package is missing ({folder}). {NPM_HINT}")
    source = folder / style / f"{name}.svg"
    if not source.is_file():
        raise ValueError(f"no such {style} icon in the icon package: {name!r}")
    body = SVG_BODY.search(source.read_text(encoding="utf-8"))
    if body is None:
        raise ValueError(f"not an SVG icon: {source}")
    return " ".join(FRAME.sub("", body.group(1)).split())


@lru_cache(maxsize=1024)
def icon_svg(name: str, css_class: str = "", filled: bool = False) -> SafeString:
    """An icon of the icon package (outline, or `filled`) as inline SVG,
    decorative (aria-hidden): the text next to it, or the control's label,
    names it. Kept once drawn: a list draws the same few icons on every row
    (a favorite star, an edit pencil), and formatting the markup each time
    was a measurable share of a page (issue 19)."""
    classes = f"icon {css_class}".strip()
    paths = mark_safe(_icon_paths(name, "filled" if filled else "outline"))  # noqa: S308  the package's SVG
    paint = (
        'fill="currentColor"'
        if filled
        else 'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"'
        ' stroke-linejoin="round"'
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{}" width="24" height="24"'
        ' viewBox="0 0 24 24" {} aria-hidden="true" focusable="false">{}</svg>',
        classes,
        mark_safe(paint),  # noqa: S308  constant attributes
        paths,
    )
