"""Settings for OpenPRM, driven by environment variables.

`OPENPRM_ENV` picks the profile: `local` (the default: the one-command demo on
http://127.0.0.1:8000), `production` (HTTPS-only cookies, HSTS, a secret key
that must come from the environment) or `test`.

DJANGO_SETTINGS_MODULE stays `openprm.config.settings`: this package names
every setting of its modules, each named after what it holds.
"""

from openprm.config.settings.application import *  # noqa: F403
from openprm.config.settings.authentication import *  # noqa: F403
from openprm.config.settings.database import *  # noqa: F403
from openprm.config.settings.environment import *  # noqa: F403
from openprm.config.settings.files import *  # noqa: F403
from openprm.config.settings.logs import *  # noqa: F403
from openprm.config.settings.security import *  # noqa: F403
