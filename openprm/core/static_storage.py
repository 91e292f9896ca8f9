"""The storage of the collected static files."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's compressed files under content-hashed names, which
    browsers may keep for a year (`openprm setup` collects them).

    Until they are collected there is no manifest, and Django's storage
    refuses to name any file: every page then answered 500, even the 404
    page of a mistyped address (`/api/v1/`), because the layout names the
    logo. Without a manifest a page names each file by its plain path
    instead, and the log says why the files are missing. A manifest that
    lacks one file still fails loudly: that is a broken reference, not a
    step left out."""

    warned = False  # once per process, not once per file named

    def stored_name(self, name: str) -> str:
        if self.hashed_files:
            return super().stored_name(name)
        if not ManifestStaticStorage.warned:
            logger.warning(
                "Static files have not been collected (no %s in %s): run `openprm setup`.",
                self.manifest_name,
                self.location,
            )
            ManifestStaticStorage.warned = True
        return name
