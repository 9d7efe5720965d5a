"""The commented answers template that ``ovpkit questionnaire`` writes.

Every question appears once, answered ``unknown``, with its wording, the kind of
answer expected and the passage of the report it comes from, in the chosen language
(report quotes stay in English). The template is itself a valid answers file once the
office's name is filled in.
"""

from __future__ import annotations

from ovpkit.assessment.questionnaire import Question, Questionnaire, QuestionType
from ovpkit.i18n import _, current_language
from ovpkit.knowledge.sections import SECTION_TITLES


def questionnaire_template(questionnaire: Questionnaire) -> str:
    """The whole template as YAML text with comments."""
    lines = _header()
    for section in questionnaire.sections:
        lines.append("")
        heading = _(section.title)
        if section.criterion is not None:
            heading = _("Criterion {number}: {title}").format(
                number=section.criterion, title=heading
            )
        lines.append(f"  # ── {heading} ──")
        if section.intro:
            lines.extend(_wrap(_(section.intro), "  # "))
        for question in section.questions:
            lines.extend(_question_lines(question))
    return "\n".join(lines) + "\n"


def _header() -> list[str]:
    return [
        "# "
        + _("ovpkit answers file: the nine criteria of effective offices of violence prevention"),
        "#",
        *_wrap(
            _(
                "Answer each question with yes, partly, no or unknown unless another kind of "
                "answer is asked for. 'unknown' is not 'no': it lowers the confidence of the "
                "assessment, not its level. Where no office exists yet, answer for the "
                "organisations expected to form it and say so in a note."
            ),
            "# ",
        ),
        "#",
        "# " + _("Any answer can carry evidence and a note, like this:"),
        "#   mandate.public:",
        "#     value: yes",
        "#     evidence:",
        "#       - source: https://example.org/our-mandate.pdf",
        "#         date: 2024-03-01",
        "#     note: " + _("adopted by the council in 2021"),
        "#",
        "# " + _("Several respondents: see docs/assessment.md ('respondents' and 'agreed')."),
        "",
        'office: ""        # ' + _("name of the office, or of the city if there is none yet"),
        'city: ""',
        'assessed_on: ""   # ' + _("date of the answers, YYYY-MM-DD"),
        f"language: {current_language()}      # "
        + _("the language your own words below are written in (en, es or pt)"),
        "answers:",
    ]


def _question_lines(question: Question) -> list[str]:
    lines = _wrap(_(question.text), "  # ")
    if question.help:
        lines.extend(_wrap(_(question.help), "  #   "))
    answer_word, report_word = _("answer"), _("report")
    lines.append(f"  #   {answer_word}: {_expected(question)}")
    source = SECTION_TITLES[question.citation.section]
    lines.extend(_wrap(f'{report_word}: {source}: "{_short(question.quote)}"', "  #   "))
    lines.append(f"  {question.id}: unknown")
    return lines


def _expected(question: Question) -> str:
    if question.type is QuestionType.STATUS:
        # the reader's own words are accepted as well as the codes (ovpkit.assessment.words)
        words = [_(word) for word in ("yes", "partly", "no", "unknown")]
        return " | ".join(dict.fromkeys(words))
    if question.type in (QuestionType.CHOICE, QuestionType.CHOICES):
        options = " | ".join(f"{c.value} ({_(c.label)})" for c in question.choices)
        if question.type is QuestionType.CHOICES:
            return _("a list, e.g. [{first}], from: {options}").format(
                first=question.choices[0].value, options=options
            )
        return options
    if question.type is QuestionType.NUMBER:
        unit = f" ({_(question.unit)})" if question.unit else ""
        return _("a number") + unit
    if question.type is QuestionType.BUDGET:
        return _("rows of year, source, amount, currency")
    return _("a text")


def _short(quote: str, limit: int = 110) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _wrap(text: str, prefix: str, width: int = 92) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(prefix) + len(current) + 1 + len(word) > width:
            lines.append(prefix + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(prefix + current)
    return lines
