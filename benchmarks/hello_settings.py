"""Production settings plus a stand-in hello view, for branches without /healthz.

benchmarks/serve.py uses these only when /healthz does not answer with the
production settings; everything but the URLconf is production's.
"""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "benchmarks.hello_urls"
