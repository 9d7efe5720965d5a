"""Keeping the Spanish and Portuguese catalogs in step with the source.

Messages come from three places: ``_()``/``ngettext()``/``pgettext()`` calls in the
Python source, ``_()`` in the Jinja2 templates, and the translatable fields of the
shipped YAML data (questionnaire, rubric, the rules that answer from monitoring records,
the knowledge base's explanatory texts: criteria, practices, tradeoffs, key notions
and the framework, and the indicator catalogue's sheets, target presets and guides;
never their quotes), and the command line's help texts, read from the commands.
:func:`update_catalogs` adds new messages to each ``.po`` file with an empty translation
and keeps every existing translation; a test lists what is still untranslated. Run
``python scripts/i18n_catalogs.py`` after changing any of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ovpkit.i18n import DOMAIN, LANGUAGES
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.sections import SECTION_TITLES
from ovpkit.knowledge.translated import knowledge_texts

PACKAGE = Path(str(resources.files("ovpkit")))
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2.ext:babel_extract")]
#: Words and labels used by the renderers that come from data rather than code.
DATA_WORDS = (
    "yes",
    "partly",
    "no",
    "unknown",
    "people",
    "count",
    "year",
    "per 100,000",
    "percent",
    "years",
)


def source_messages() -> Catalog:
    """Every translatable message of ovpkit, with where it comes from."""
    catalog = Catalog(domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        METHODS,
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        keywords=KEYWORDS,
    ):
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    for origin, message in data_messages():
        catalog.add(message, locations=[(origin, 0)])
    return catalog


def data_messages() -> Iterator[tuple[str, str]]:
    """(origin, English text) of the translatable fields of the shipped data."""
    from ovpkit.assessment.monitoring_rules import load_record_rules
    from ovpkit.assessment.questionnaire import load_questionnaire
    from ovpkit.assessment.risks import risk_records
    from ovpkit.assessment.rubric import load_rubric
    from ovpkit.knowledge import load_knowledge_base
    from ovpkit.monitoring.catalogue import catalogue_texts
    from ovpkit.monitoring.consultation import template_texts

    for word in DATA_WORDS:
        yield "data:words", word
    for section in load_questionnaire().sections:
        yield "questionnaire.yaml", section.title
        if section.intro:
            yield "questionnaire.yaml", section.intro
        for q in section.questions:
            yield "questionnaire.yaml", q.text
            if q.help:
                yield "questionnaire.yaml", q.help
            for choice in q.choices:
                yield "questionnaire.yaml", choice.label
    yield from _rubric_messages(load_rubric())
    for risk in risk_records().values():
        yield "risks.yaml", risk.title
        yield "risks.yaml", risk.recommendation
    for rule in load_record_rules():
        yield "from_monitoring.yaml", rule.why
    for key, title in SECTION_TITLES.items():
        yield f"report:sections:{key}", title
    yield from knowledge_messages(load_knowledge_base())
    for origin, text in catalogue_texts():
        yield f"catalogue.yaml:{origin}", text
    for text in command_line_help():
        yield "cli:help", text
    for text in template_texts():
        yield "consultation_template.yaml", text


def command_line_help() -> Iterator[str]:
    """The help of every command, option and argument, read from the commands themselves."""
    import typer

    from ovpkit.cli import app
    from ovpkit.cli.translation import help_texts

    yield from help_texts(typer.main.get_command(app))


def knowledge_messages(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(origin, English text) of the knowledge base's explanatory texts.

    Quotes are left out on purpose: they stay verbatim in English. The origin names the
    record and field (``knowledge:practices:<id>:summary``) so a translator sees where
    a text is shown.
    """
    for origin, text in knowledge_texts(kb):
        yield f"knowledge:{origin}", text


def _rubric_messages(rubric: object) -> Iterator[tuple[str, str]]:
    from ovpkit.assessment.rubric import Rubric

    assert isinstance(rubric, Rubric)
    for level in rubric.levels:
        yield "rubric.yaml", level.name
        yield "rubric.yaml", level.description
    for check in rubric.checks:
        yield "rubric.yaml", check.strength
        yield "rubric.yaml", check.opportunity
        if check.priority is not None:
            yield "rubric.yaml", check.priority.reason
    for model in rubric.office_models.models:
        yield "rubric.yaml", model.name
        yield "rubric.yaml", model.caution.text
        for reason in model.favoured_by:
            yield "rubric.yaml", reason.text


def po_path(lang: str, root: Path = PACKAGE) -> Path:
    return root / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def update_catalogs(root: Path = PACKAGE) -> dict[str, int]:
    """Merge the source messages into each language's catalog; return untranslated counts."""
    template = source_messages()
    untranslated: dict[str, int] = {}
    for lang in LANGUAGES:
        if lang == "en":
            continue
        path = po_path(lang, root)
        catalog = _read(path, lang)
        created = catalog.creation_date  # kept, so that an unchanged catalog stays unchanged
        catalog.update(template, no_fuzzy_matching=True)
        catalog.creation_date = created
        catalog.obsolete.clear()
        catalog.fuzzy = False
        catalog.project, catalog.version = "ovpkit", ""
        catalog.msgid_bugs_address = ""
        catalog.language_team = {"es": "Spanish", "pt": "Portuguese"}.get(lang, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(
                handle,
                catalog,
                width=100,
                sort_output=False,
                include_previous=False,
                include_lineno=False,  # line numbers would churn the catalogs on every edit
            )
        untranslated[lang] = len(missing(catalog))
    return untranslated


def read_catalog(lang: str, root: Path = PACKAGE) -> Catalog:
    return _read(po_path(lang, root), lang)


def _read(path: Path, lang: str) -> Catalog:
    if not path.is_file():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def missing(catalog: Catalog, *, origins: tuple[str, ...] = ()) -> list[str]:
    """Messages without a translation (optionally only those from ``origins`` prefixes)."""
    result = []
    for message in catalog:
        if not message.id:
            continue
        text = message.string
        if all(text) if isinstance(text, tuple | list) else bool(text):
            continue
        if origins and not any(f.startswith(origins) for f, _line in message.locations):
            continue
        result.append(message.id if isinstance(message.id, str) else message.id[0])
    return result
