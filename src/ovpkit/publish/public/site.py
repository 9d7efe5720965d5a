"""Public pages of offices: the sections the web site shows, and a static site of them.

Both the web page (``ovpkit_web``) and the static site render the same template,
``public_sections.html``, from the same public document, so they show the same
content; only the links around it differ (addresses on a server, relative files
here). The static site works from ``file://``: every link is relative and the
stylesheet is inside each page.

Layout of a site folder::

    index.html                     the offices, in English (links to es/ and pt/)
    <lang>/index.html              the offices, in that language
    <lang>/<office>.html           an office's public page
    <lang>/<office>-diagnosis.html the published diagnosis, when there is one
    <lang>/<office>-evaluation-<n>.html
    data/<office>-datapackage.zip  the data package, the same for every language
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ovpkit.errors import DataError
from ovpkit.i18n import _, use_language
from ovpkit.publish.public.document import LANGUAGES
from ovpkit.publish.public.package import datapackage_zip
from ovpkit.publish.public.view import page_context
from ovpkit.publish.render import environment, render_page

PACKAGE = "ovpkit.publish.public"
#: Each language by its own name, as a switcher shows it.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}


def render_sections(document: Mapping[str, Any], links: Mapping[str, Any]) -> Markup:
    """The page's content sections in the current language (for the web page)."""
    template = environment((PACKAGE,)).get_template("public_sections.html")
    html = template.render({**page_context(document), "links": links})
    return Markup(html)  # noqa: S704 (rendered by the autoescaping environment)


def render_office(document: Mapping[str, Any], links: Mapping[str, Any], *, lang: str) -> str:
    """A whole, self-contained public page of one office in ``lang``."""
    with use_language(lang):
        context = {**page_context(document), "links": links}
    return render_page("public_office.html", context, lang=lang, extra_packages=(PACKAGE,))


def render_index(offices: Sequence[Mapping[str, str]], languages: Sequence[tuple[str, str, str]],
                 *, lang: str) -> str:  # fmt: skip
    """The list of offices with a public page; each of ``offices`` has ``name`` and ``href``."""
    context = {"offices": offices, "languages": languages}
    return render_page("public_index.html", context, lang=lang, extra_packages=(PACKAGE,))


def write_site(documents: Sequence[Mapping[str, Any]], directory: Path) -> list[Path]:
    """Write the static site of ``documents`` into ``directory``; return the pages written."""
    _check_unique(documents)
    try:
        (directory / "data").mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            (directory / lang).mkdir(exist_ok=True)
    except OSError as exc:
        raise DataError(_("cannot create the folder: {problem}").format(problem=exc.strerror),
                        file=str(directory)) from exc  # fmt: skip
    written: list[Path] = []
    for document in documents:
        slug = document["office"]["slug"]
        (directory / "data" / f"{slug}-datapackage.zip").write_bytes(datapackage_zip(document))
        for lang in LANGUAGES:
            written += _office_files(document, directory / lang, lang=lang)
    ordered = sorted(documents, key=lambda d: str(d["office"]["name"]).casefold())
    for lang in LANGUAGES:
        offices = [{"name": d["office"]["name"], "href": f"{d['office']['slug']}.html"}
                   for d in ordered]  # fmt: skip
        page = directory / lang / "index.html"
        page.write_text(render_index(offices, _switcher("index.html"), lang=lang), "utf-8")
        written.append(page)
    top = [{"name": d["office"]["name"], "href": f"en/{d['office']['slug']}.html"} for d in ordered]
    languages = [(c, LANGUAGE_NAMES[c], f"{c}/index.html") for c in LANGUAGES]
    (directory / "index.html").write_text(render_index(top, languages, lang="en"), "utf-8")
    return [directory / "index.html", *written]


def _office_files(document: Mapping[str, Any], folder: Path, *, lang: str) -> list[Path]:
    slug = document["office"]["slug"]
    links: dict[str, Any] = {
        "index": "index.html",
        "languages": _switcher(f"{slug}.html"),
        "datapackage": f"../data/{slug}-datapackage.zip",
        "diagnosis": None,
        "evaluations": {},
        "consultation_section": True,  # no server here: say where to answer, show the results
    }
    pages: list[Path] = []
    diagnosis = _in_language(document.get("diagnosis"), lang)
    if diagnosis:
        links["diagnosis"] = f"{slug}-diagnosis.html"
        pages.append(_write(folder / links["diagnosis"], diagnosis))
    for number, evaluation in enumerate(document["evaluations"], start=1):
        page = _in_language(evaluation.get("pages"), lang)
        if page:
            links["evaluations"][number] = f"{slug}-evaluation-{number}.html"
            pages.append(_write(folder / links["evaluations"][number], page))
    pages.append(_write(folder / f"{slug}.html", render_office(document, links, lang=lang)))
    return pages


def _switcher(name: str) -> list[tuple[str, str, str]]:
    """Links to the same page in every language, relative to a language folder."""
    return [(code, LANGUAGE_NAMES[code], f"../{code}/{name}") for code in LANGUAGES]


def _in_language(pages: Mapping[str, str] | None, lang: str) -> str | None:
    """The page in ``lang``, else in English (the source language)."""
    if not pages:
        return None
    return pages.get(lang) or pages.get("en")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _check_unique(documents: Sequence[Mapping[str, Any]]) -> None:
    seen: set[str] = set()
    for document in documents:
        slug = str(document["office"]["slug"])
        if slug in seen:
            raise DataError(_("two publications of the same office: keep one"), record=slug,
                            field="office")  # fmt: skip
        seen.add(slug)
