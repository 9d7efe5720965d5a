"""Spanish and Portuguese readers see one word per concept: assessment is not evaluation.

ovpkit has two things English tells apart: the ASSESSMENT of an office against the
report's nine criteria (``ovpkit assess``, the web's "Assessment history") and the
IMPACT EVALUATION of a program or policy (``ovpkit evaluate``: synthetic control, DiD,
ITS). Spanish and Portuguese once said "Evaluación"/"Avaliação" for both, so a director
could not tell an office's self-assessment from an impact study. The catalogs now keep:

- Spanish: "valoración" / "valorar" for the assessment, "evaluación" / "evaluar" for
  the evaluation;
- Portuguese: "avaliação institucional" for the assessment (the verb "avaliar" serves
  both, as in natural Brazilian Portuguese), "avaliação" ("de impacto" where the page
  does not already say so) for the evaluation. ("diagnóstico" is taken: it names the
  city's violence diagnosis.)

The tests read the catalogs as data (babel's ``read_po``), core and web, and judge each
entry by the concept its English names. English uses "assess" in its everyday sense
too: "impact assessment" is an impact evaluation, and assessing an impact, effects,
results or whether something happened is not the office's assessment; paths and
commands (``docs/assessment.md``, ``'ovpkit assess answers.yaml'``) are not words a
reader reads as a concept.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LANGS = ("es", "pt")

#: Paths and quoted commands: names of files and commands, not words of the text.
_CODE = re.compile(r"\S*/\S*|'ovpkit [^']*'")
#: "impact assessment" is the English field's other name for an impact evaluation.
_IMPACT_ASSESSMENT = re.compile(r"\bimpact assessments?\b", re.IGNORECASE)
#: Assessing an impact, effects, results or whether something happened: the everyday verb.
_ASSESS_OTHER = re.compile(
    r"\bassess(?:es|ed|ing)?\b(?:\W+\w+){0,8}?\W+(?:impacts?|effects?|results?|whether)\b",
    re.IGNORECASE,
)
_ASSESS = re.compile(r"\bassess\w*", re.IGNORECASE)
_EVALUATE = re.compile(r"\bevaluat\w*", re.IGNORECASE)

#: Spanish words of the assessment: valoración(es), valorar and its forms (not "valor(es)").
_ES_ASSESSMENT = re.compile(
    r"\bvalor(?:aci[oó]n|aciones|ar|ando|ad[oa]s?|[aáeéoó]n?)\b", re.IGNORECASE
)
_ES_EVALUATION = re.compile(r"\bevalu\w*", re.IGNORECASE)
#: Portuguese noun; the assessment's always carries "institucional".
_PT_NOUN = re.compile(r"\bavaliaç(?:ão|ões)\b(?P<after>\s+\w+)?", re.IGNORECASE)
_PT_INSTITUTIONAL = re.compile(r"\binstitucion\w*", re.IGNORECASE)
#: The assessment's Portuguese noun ("institucional" alone also says other things).
_PT_ASSESSMENT = re.compile(r"\bavaliaç(?:ão|ões)\s+institucion\w*", re.IGNORECASE)
_PT_VERB_OR_NOUN = re.compile(r"\bavali\w*", re.IGNORECASE)


def concepts(english: str) -> set[str]:
    """The concepts an English message names: "assessment", "evaluation", both or none."""
    text = _CODE.sub(" ", english)
    found = set()
    if _IMPACT_ASSESSMENT.search(text) or _EVALUATE.search(text):
        found.add("evaluation")
    text = _ASSESS_OTHER.sub(" ", _IMPACT_ASSESSMENT.sub(" ", text))
    if _ASSESS.search(text):
        found.add("assessment")
    return found


def _catalog_files(lang: str) -> list[Path]:
    """The core's and the web's catalog for ``lang``, found where the packages are."""
    files = []
    for package, domain in (("ovpkit", "ovpkit"), ("ovpkit_web", "django")):
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.submodule_search_locations
        root = Path(next(iter(spec.submodule_search_locations)))
        files.append(root / "locale" / lang / "LC_MESSAGES" / f"{domain}.po")
    return files


def entries(path: Path) -> Iterator[tuple[str, str]]:
    """(English, translation) of each translated entry, plural forms joined."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield " ".join(ids), " ".join(s for s in strings if s)


def spanish_problem(english: str, spanish: str) -> str | None:
    """Why a Spanish translation mixes the two concepts up, or None when it does not."""
    named = concepts(english)
    if named == {"assessment"} and _ES_EVALUATION.search(spanish):
        return "an assessment called 'evaluación'"
    if "assessment" in named and not _ES_ASSESSMENT.search(spanish):
        return "an assessment without 'valoración'/'valorar'"
    if named == {"evaluation"} and _ES_ASSESSMENT.search(spanish):
        return "an evaluation called 'valoración'"
    return None


def portuguese_problem(english: str, portuguese: str) -> str | None:
    """Why a Portuguese translation mixes the two concepts up, or None when it does not."""
    named = concepts(english)
    if named == {"assessment"}:
        if not _PT_VERB_OR_NOUN.search(portuguese):
            return "an assessment without 'avaliação institucional'/'avaliar'"
        for noun in _PT_NOUN.finditer(portuguese):
            if not _PT_INSTITUTIONAL.fullmatch((noun["after"] or "").strip()):
                return f"an assessment called '{noun[0]}' without 'institucional'"
    if named == {"assessment", "evaluation"} and not _PT_ASSESSMENT.search(portuguese):
        return "an assessment without 'avaliação institucional'"
    if named == {"evaluation"} and _PT_ASSESSMENT.search(portuguese):
        return "an evaluation called 'avaliação institucional'"
    return None


PROBLEM = {"es": spanish_problem, "pt": portuguese_problem}


@pytest.mark.parametrize("lang", LANGS)
def test_assessment_and_evaluation_have_their_own_word(lang: str) -> None:
    found = [
        f"{path.parent.parent.parent.parent.name}/{lang}: {problem}: {english!r} -> {text!r}"
        for path in _catalog_files(lang)
        for english, text in entries(path)
        if (problem := PROBLEM[lang](english, text))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("english", "named"),
    [
        ("Assessment history", {"assessment"}),
        ("not assessed", {"assessment"}),
        ("Impact evaluation", {"evaluation"}),
        ("Programs are evaluated for their results or impact.", {"evaluation"}),
        ("Donors fund impact assessments.", {"evaluation"}),
        ("Start with a baseline; assess citywide impact every year", set()),
        ("An expert assesses whether the incident was gender-motivated.", set()),
        ("see the rule language in ovpkit/assessment/rules.py", set()),
        ("The same answers file the command line reads ('ovpkit assess answers.yaml').", set()),
        (
            "The office's latest assessment and the evaluations you choose",
            {"assessment", "evaluation"},
        ),
    ],
)
def test_english_concepts(english: str, named: set[str]) -> None:
    assert concepts(english) == named


#: English, Spanish, Portuguese, and whether each translation is wrong (es, pt).
CASES = [
    ("Assessment history", "Historial de evaluaciones", "Histórico de avaliações", True, True),
    (
        "Assessment history",
        "Historial de valoraciones",
        "Histórico de avaliações institucionais",
        False,
        False,
    ),
    (
        "Run an evaluation",
        "Ejecutar una valoración",
        "Executar uma avaliação institucional",
        True,
        True,
    ),
    ("Run an evaluation", "Ejecutar una evaluación", "Executar uma avaliação", False, False),
    ("not assessed", "sin evaluar", "não avaliado", True, False),
    (
        "The office's latest assessment and the evaluations you choose",
        "La última evaluación de la oficina y las evaluaciones que elija",
        "A última avaliação do escritório e as avaliações que escolher",
        True,
        True,
    ),
    (
        "An evaluation of institutional change",
        "Una evaluación del cambio institucional",
        "Uma avaliação da mudança institucional",
        False,
        False,
    ),
    ("Latest assessment", "Valor más reciente", "Última avaliação", True, True),
]


@pytest.mark.parametrize(("english", "spanish", "portuguese", "es_wrong", "pt_wrong"), CASES)
def test_problems_are_seen(
    english: str, spanish: str, portuguese: str, es_wrong: bool, pt_wrong: bool
) -> None:
    """The rules catch the old mix-ups and accept the chosen words."""
    assert (spanish_problem(english, spanish) is not None) is es_wrong
    assert (portuguese_problem(english, portuguese) is not None) is pt_wrong
