"""Static files, uploads and exports."""

import os

from openprm.config.settings.environment import BASE_DIR, ENV, VAR_DIR

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The design system (Tabler on Bootstrap 5), its icons and the chart library
# come from npm (package.json, installed by `npm ci` in scripts/lib/env.sh);
# the app serves the files core.node_assets names, never a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
OPENPRM_ICONS_DIR = NODE_MODULES / "@tabler/icons/icons"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "openprm.core.node_assets.NodeModulesFinder",
]
# Outside the test profile: hashed names from the manifest `collectstatic`
# writes, or plain names while nothing is collected (see the class).
STATIC_STORAGE = "openprm.core.static_storage.ManifestStaticStorage"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if ENV == "test"
            else STATIC_STORAGE
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# IMP-3: Excel exports of more rows than this run in the background, with a
# progress page and a download link; their files are kept for some days.
EXPORT_INLINE_ROWS = int(os.environ.get("OPENPRM_EXPORT_INLINE_ROWS", "10000"))
EXPORT_KEEP_DAYS = 7
