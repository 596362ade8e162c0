import os

from django.core.wsgi import get_wsgi_application

from config.runtime import settle

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()
settle()
