"""``docs/rubric.md``, generated from ``data/rubric.yaml`` (one source of truth).

Run ``python scripts/assessment_docs.py`` after changing the rubric; a test fails while
the document is stale.
"""

from __future__ import annotations

from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.rubric import Check, Rubric
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import Citation

HEADER = """\
<!-- GENERATED from src/ovpkit/assessment/data/rubric.yaml by scripts/assessment_docs.py.
     Do not edit by hand: edit the YAML and run the script (a test fails when this is stale). -->

# The assessment rubric

Each criterion has checks. A check belongs to a level, has a condition over the answers
of the questionnaire (`ovpkit questionnaire`), the strength it shows when met, the
opportunity (an action) it suggests when not met, and the passage of the report that
justifies it.

**How a level is reached.** A criterion reaches level L (1, 2, 3) when it reached every
level below, no check of level L is *not met*, and at least one check of level L is
*met*. A check whose answers are unknown is set aside: unknown answers lower the
**confidence** (the share of the deciding checks, those up to the next level, whose
answers are known), not the level. The JSON also gives the level range: the level if
every unknown answer were unfavourable, and if every one were favourable.

**Opportunities** are the checks of the next level that are not met (or not known to be
met: those are marked unconfirmed), plus checks of higher levels whose **priority**
context applies (see each check). At level 3 the opportunity is to continue with the
current approach, as the report's Part 4 charts say ("Continue with current approach.").

**Conditions** use the answers' words: `is yes`, `is yes or partly`, numbers
(`at least`), multiple choices (`has at least 2 choices`), combined with *and*, *or*,
*at least N of*. `any`/*or* is met as soon as one part is met even if others are unknown.
"""


def rubric_markdown(rubric: Rubric, questionnaire: Questionnaire, kb: KnowledgeBase) -> str:
    parts = [HEADER, _levels(rubric)]
    for criterion in kb.criteria:
        parts.append(_criterion(rubric, criterion.id, criterion.name))
    parts.append(_context(rubric))
    parts.append(_models(rubric))
    parts.append(_questions(questionnaire))
    return "\n".join(parts).rstrip() + "\n"


def _levels(rubric: Rubric) -> str:
    rows = ["## Levels", "", "| Level | Name | Meaning |", "|---|---|---|"]
    rows += [f"| {d.level.value} | {d.name} | {_one_line(d.description)} |" for d in rubric.levels]
    return "\n".join(rows) + "\n"


def _criterion(rubric: Rubric, number: int, name: str) -> str:
    lines = [f"## Criterion {number}: {name}", ""]
    for level in (1, 2, 3):
        lines.append(f"### Level {level}: {rubric.level_name(level)}")
        lines.append("")
        for check in rubric.checks_for(number, level):
            lines.extend(_check(check))
    return "\n".join(lines)


def _check(check: Check) -> list[str]:
    lines = [
        f"- **`{check.id}`** — met when {check.when.describe()}.",
        f"  - Strength: {check.strength}",
        f"  - Opportunity ({check.effort.value.replace('_', ' ')}): {check.opportunity}",
    ]
    if check.after:
        lines.append(f"  - After: {', '.join(f'`{a}`' for a in check.after)}")
    if check.priority is not None:
        lines.append(
            f"  - Priority when {check.priority.when.describe()}: {check.priority.reason} "
            f"({_cite(check.priority.citation, check.priority.quote)})"
        )
    if check.tags:
        lines.append(f"  - Peer tags: {', '.join(check.tags)}")
    lines.append(f"  - Source: {_cite(check.citation, check.quote)}")
    lines.append("")
    return lines


def _context(rubric: Rubric) -> str:
    lines = [
        "## Context tags (peer exemplars)",
        "",
        "Peer exemplars from the knowledge base rank by the tags they share with the office's",
        "open checks and with its context:",
        "",
    ]
    for rule in rubric.context_tags:
        lines.append(
            f"- When {rule.when.describe()}: {', '.join(rule.tags)}. {rule.reason} "
            f"({_cite(rule.citation, rule.quote)})"
        )
    return "\n".join(lines) + "\n"


def _models(rubric: Rubric) -> str:
    rules = rubric.office_models
    lines = [
        "## Office-model advice",
        "",
        f"Given when {rules.applies_when.describe()}. Models are ranked by the reasons met.",
        "",
    ]
    for model in rules.models:
        lines.append(f"### {model.name} (`{model.model.value}`)")
        lines.append("")
        for reason in model.favoured_by:
            lines.append(
                f"- Favoured when {reason.when.describe()}: {reason.text} "
                f"({_cite(reason.citation, reason.quote)})"
            )
        caution = model.caution
        lines.append(f"- Caution: {caution.text} ({_cite(caution.citation, caution.quote)})")
        lines.append("")
    return "\n".join(lines)


def _questions(questionnaire: Questionnaire) -> str:
    lines = ["## Questions", "", "| Id | Type | Question |", "|---|---|---|"]
    lines += [f"| `{q.id}` | {q.type.value} | {q.text} |" for q in questionnaire.questions]
    return "\n".join(lines) + "\n"


def _cite(citation: Citation, quote: str) -> str:
    endnote = f", endnote {citation.endnote}" if citation.endnote else ""
    return f'{citation.title}{endnote}: "{_one_line(quote)}"'


def _one_line(text: str) -> str:
    return " ".join(text.split())
