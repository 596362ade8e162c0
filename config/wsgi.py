import os

from django.core.wsgi import get_wsgi_application

from config.handlers import readable_request
from config.runtime import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = readable_request(get_wsgi_application())
settle()
