"""The settings django-stubs' mypy plugin loads: the site's own, in a scratch home folder.

The plugin imports the settings and runs ``django.setup()`` to learn the models. The site's
settings create their home folder (secret key, compiled catalogs, static folder) on import,
so under the type checker they get a folder of their own in the system's temporary
directory: running ``mypy`` never writes into a developer's ``~/.ovpkit`` or a real site's
``OVPKIT_HOME``. The folder is reused from run to run, so nothing piles up.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["OVPKIT_HOME"] = str(Path(tempfile.gettempdir()) / "ovpkit-typecheck-home")

from ovpkit_web.settings import *  # noqa: E402, F403  (the site's settings, unchanged)
