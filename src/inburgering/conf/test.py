"""Test settings: fast hashing, no lockout surprises between tests unless a test asks for it."""

from .base import *
from .base import env

SECRET_KEY = env("SECRET_KEY", "test-only-insecure-key")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Background work runs when a test calls the worker (a thread would not see the test's
# uncommitted transaction).
ACHTERGROND_UITVOERING = "worker"
# The DUO simulator keeps its state in memory (the demo data command fills it), not in var/.
DUO_SIMULATOR_STATE = ":memory:"
