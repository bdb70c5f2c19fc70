"""Production settings: everything from the environment, HTTPS only. Must pass `check --deploy`."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, separated by commas.")

EMAIL_GOES_NOWHERE = ("console.EmailBackend", "locmem.EmailBackend", "dummy.EmailBackend")
if EMAIL_BACKEND.endswith(EMAIL_GOES_NOWHERE) and os.environ.get("PEERPLAN_ALLOW_CONSOLE_EMAIL") != "true":
    raise ImproperlyConfigured(
        "Set EMAIL_URL to your mail server (smtp://…) or to notify:// for GOV.UK Notify: with "
        f"{EMAIL_URL or 'no EMAIL_URL'} no email would leave the server. "
        "To run without email on purpose, set PEERPLAN_ALLOW_CONSOLE_EMAIL=true."
    )
if EMAIL_BACKEND.endswith("NotifyEmailBackend") and not (NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID):
    raise ImproperlyConfigured("EMAIL_URL=notify:// needs NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID.")

if not os.environ.get("SITE_URL", "").startswith("https://"):
    raise ImproperlyConfigured("Set SITE_URL to the site's address (https://…): links in emails point there.")

DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
