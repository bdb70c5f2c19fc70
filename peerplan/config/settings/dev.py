"""Settings for a developer's machine and `make demo`: debug on, local SQLite under $PEERPLAN_HOME."""

from .base import *
from .base import PEERPLAN_HOME, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
PEERPLAN_HOME.mkdir(parents=True, exist_ok=True)
