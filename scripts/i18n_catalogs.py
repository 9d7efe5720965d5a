"""Update the Spanish and Portuguese catalogs (src/ovpkit/locale/*/LC_MESSAGES/ovpkit.po).

New messages from the source, templates and shipped YAML are added with an empty
translation; existing translations are kept. Then translate the empty entries.

Usage: .venv/bin/python scripts/i18n_catalogs.py
"""

from __future__ import annotations

from ovpkit.i18n_catalogs import update_catalogs

if __name__ == "__main__":
    for lang, count in update_catalogs().items():
        print(f"{lang}: {count} messages still to translate")
