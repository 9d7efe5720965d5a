"""An office's public page: the frozen public document, its page sections, its data
package and the static site (``ovpkit publish --site``).

The web site stores the document (``ovpkit_web.Publication``) and renders the same
sections; nothing here imports the web layer.
"""

from ovpkit.publish.public.document import OfficeText, documents_in, export, public_document
from ovpkit.publish.public.package import datapackage_zip, public_package
from ovpkit.publish.public.site import render_office, render_sections, write_site

__all__ = [
    "OfficeText",
    "datapackage_zip",
    "documents_in",
    "export",
    "public_document",
    "public_package",
    "render_office",
    "render_sections",
    "write_site",
]
