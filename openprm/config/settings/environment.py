"""Where the installation lives, which profile it runs (`OPENPRM_ENV`),
its secret key and the hosts and proxies it trusts."""

import os
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from openprm.config.secret_key import require_production_secret_key

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("OPENPRM_VAR_DIR", BASE_DIR / "var"))
ENV = os.environ.get("OPENPRM_ENV", "local")
PRODUCTION = ENV == "production"


def _secret_key() -> str:
    """Production insists on an explicit, strong key (a weak one refuses to
    start); local runs keep a generated one in var/ so sessions survive a
    restart."""
    if PRODUCTION:
        return require_production_secret_key(os.environ.get("OPENPRM_SECRET_KEY"))
    if key := os.environ.get("OPENPRM_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("OPENPRM_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("OPENPRM_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("OPENPRM_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
# Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the
# client, for the per-address rate limits (core/client_address.py); none by
# default, and then the header is ignored.
TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("OPENPRM_TRUSTED_PROXIES", "").split(",") if p.strip()
]
