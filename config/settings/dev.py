"""Local development: DEBUG on by default, a fixed insecure key when none is set."""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405 S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
# Serve static files from the source folders, so pages stay styled with DEBUG off too.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
