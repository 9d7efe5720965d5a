"""Publishing: HTML and PDF reports in English, Spanish and Portuguese.

Reusable by every area: :func:`render_page` renders a Jinja2 template (this package's,
or another package's templates folder) inside the shared layout, with gettext, numbered
footnotes for citations (:class:`Footnotes`) and inline SVG charts (:mod:`.svg`);
:func:`write_pdf` turns the HTML into a PDF with WeasyPrint.
"""

from ovpkit.publish.footnotes import Footnotes
from ovpkit.publish.pdf import write_pdf
from ovpkit.publish.render import environment, render_page

__all__ = ["Footnotes", "environment", "render_page", "write_pdf"]
