"""Settings for the load benchmark (`scripts/benchmark_belasting.py`): the development settings
made to behave like production where it costs time per request.

* DEBUG off (no query log, cached template loader), the static files served from the build
  rather than looked up per request;
* sessions and the cache in Redis (`REDIS_URL`, as a production installation runs);
* the second factor not asked: the simulated staff logged in once, before the run (their
  session is made the way the login makes it); the check itself still runs per request;
* one extra URL, `/_vloer/`: an authenticated page that renders only the layout, the
  ceiling of the stack, measured in the same run.

Not for any installation: it lives under scripts/ and is only read by the benchmark.
"""

from inburgering.conf.dev import *  # noqa: F403

DEBUG = False
WHITENOISE_AUTOREFRESH = False
WHITENOISE_USE_FINDERS = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
OTP_VERPLICHT = False
ROOT_URLCONF = "belasting_urls"
