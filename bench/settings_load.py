"""Settings for the load run: the production settings (DEBUG off), with static files stored without a manifest.

``collectstatic`` with the manifest storage currently stops on
``static/vendor/chart.umd.min.js``, whose last line names a source map that is
not vendored. That is a deployment bug to fix in the app (drop the comment
or vendor the map); until then the load run serves the same files without
hashed names, which costs pages nothing measurable.
"""

from config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
