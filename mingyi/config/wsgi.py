import os

from django.core.wsgi import get_wsgi_application

from mingyi.ops.threads import math_threads_limit

math_threads_limit()  # before the application (and numpy) loads
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mingyi.config.django.base")
application = get_wsgi_application()
