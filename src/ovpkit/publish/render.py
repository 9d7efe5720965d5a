"""The Jinja2 environment shared by every ovpkit report.

Templates extend ``base.html`` (header, footer, the stylesheet ``report.css`` inlined so
a page is one self-contained file). Strings in templates go through gettext:
``{{ _("Current strengths") }}``; the language is the one active when rendering
(``ovpkit.i18n.use_language``). Other areas can add their own templates folder with
``extra_packages`` and still extend ``base.html``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ovpkit import __version__, formats
from ovpkit.i18n import _, check_language, current_language, ngettext, use_language


@cache
def environment(extra_packages: tuple[str, ...] = ()) -> Environment:
    """A Jinja2 environment over ``ovpkit.publish`` templates (and ``extra_packages``)."""
    loaders = [PackageLoader(package, "templates") for package in extra_packages]
    loaders.append(PackageLoader("ovpkit.publish", "templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Old-style callables: plain strings, escaped on output like any other value
    # (new-style would mark translations safe and %-format every string).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=False
    )
    # Numbers in the reader's locale (see ovpkit.formats): {{ n | count }}, {{ x | decimal(1) }}
    env.filters.update(
        count=formats.count,
        decimal=formats.decimal,
        number=formats.number,
        percent=formats.percent,
        signed_percent=formats.signed_percent,
        money=formats.money,
        year=formats.year,
        date=formats.date,
        foreign=foreign,
    )
    env.globals["report_credit"] = report_credit
    return env


def foreign(text: str, lang: str | None) -> Markup:
    """``text`` marked as written in ``lang`` when that is not the page's language.

    For what ovpkit shows but cannot translate: own names (an English office name on a
    Spanish page), a user's own words in an answers or records file, the report's title.
    """
    if not lang or lang.replace("_", "-").split("-")[0] == current_language():
        return escape(text)
    return Markup('<span lang="{lang}">{text}</span>').format(lang=lang, text=text)


def report_credit() -> Markup:
    """The footer's credit, with the report's English title marked as English."""
    title = Markup('<cite lang="en">{title}</cite>').format(title=REPORT_TITLE)
    sentence = _(
        "Made with ovpkit {version}, from the report “{title}” (Peace in Our Cities, "
        "January 2024). Quotes from the report are in English."
    )
    return escape(sentence).format(version=__version__, title=title)


#: The report's title, a name: never translated.
REPORT_TITLE = "Lessons from Effective Offices of Violence Prevention"


@cache
def stylesheet() -> str:
    return (resources.files("ovpkit.publish") / "templates" / "report.css").read_text("utf-8")


def render_page(
    template: str,
    context: Mapping[str, Any],
    *,
    lang: str = "en",
    extra_packages: Iterable[str] = (),
) -> str:
    """Render ``template`` in ``lang``; ``context`` gets ``lang``, ``css`` and ``version``."""
    check_language(lang)
    with use_language(lang):
        page = environment(tuple(extra_packages)).get_template(template)
        return page.render(
            {**context, "lang": current_language(), "css": stylesheet(), "version": __version__}
        )
