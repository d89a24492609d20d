"""Settings for the restore round-trip test: the real ones with a fast password hasher.

The demo data create a dozen users; the production hasher costs seconds each on a busy
CI machine, and the hash does not matter for a dump-and-restore check.
"""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
