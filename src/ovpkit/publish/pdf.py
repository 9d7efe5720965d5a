"""HTML to PDF with WeasyPrint (imported lazily: it is slow to import)."""

from __future__ import annotations

from pathlib import Path


def write_pdf(html: str, path: Path, *, base_url: str | None = None) -> Path:
    """Write ``html`` as a PDF at ``path`` and return the path."""
    from weasyprint import HTML

    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=base_url).write_pdf(str(path))
    return path
