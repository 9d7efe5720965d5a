"""``docs/rubric.md``, generated from ``data/rubric.yaml`` (one source of truth).

Run ``python scripts/assessment_docs.py`` after changing the rubric; a test fails while
the document is stale.
"""

from __future__ import annotations

from ovpkit.assessment.facts import FACT_CRITERIA
from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.risks import MOST, RESULTS_LEVEL, TURNOVER_DIRECTORS, risk_records
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

**How a level is reached: the weight of evidence.** Each check scores its evidence:
met 1, not met 0, and a `partly` where the rule asks for `yes` (or `no`) 0.5, halfway
between the two answers it stands between. A check whose answers are unknown has no
score yet. Each level is judged on its own checks:

- *Levels 1 and 2* are reached when the mean score of their known checks is above 0.5.
  Several checks decide together, so one `partly` or one `no` beside met checks does not
  sink a level (the report's definitions name several elements of each criterion; an
  office that meets most of them meets the definition in substance). Unknown checks are
  set aside: they lower the **confidence**, not the level.
- *Level 3 (exemplary)* is shown, not presumed: every level-3 check must be met, and an
  unknown one counts as not shown. The report's own method judged offices on what could
  be shown: "Most OVPs in the subsample have accessible public information that can be
  used to evaluate the criteria that influence effectiveness" (Part 2, selection).
- *The level* is the highest reached level, less one for each level under it that is not
  reached: one missing step costs one level, not the whole ladder.

Why these numbers: 0.5 is the only weight for `partly` that keeps it between `no` and
`yes` symmetrically, and with the threshold also at 0.5 a `partly` can never score below
an `unknown` (a `partly` adds a score of at least 0.5 where an unknown check was set
aside). Tests perturb the four answers files built from the report (Hypothesis) and
check that a `partly` never scores below `unknown`, and that one changed answer moves a
level by at most one, unless it leaves no level-1 evidence (level 0 by definition).

**Confidence** is the share of the deciding checks (those up to the next level) whose
answers are known. The level **range** is the level if every unknown answer were
unfavourable, and if every one were favourable. A criterion none of whose checks is
known is **not assessed**: shown as such, never as 0 ("absent"), and left out of the key
notions' averages; so is one at level 0 whose level-1 checks are all unknown ("absent"
would then rest on no evidence, whatever a higher check shows). **What would move this**
names the one or two answers that would change the level: the one that raises it (an
unanswered question first), then the one that lowers it.

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
    parts.append(_notions(rubric))
    parts.append(_risks())
    parts.append(_plan())
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


def _notions(rubric: Rubric) -> str:
    lines = [
        "## Key notions: their own elements",
        "",
        "A key notion (Part 5) is *in place* when its criteria are at level 2 or more and",
        "each check that names the notion's own element is met; otherwise it is at most",
        '*partly in place*, and the report lists the element as "not shown yet":',
        "",
    ]
    for notion in rubric.key_notions:
        needed = ", ".join(f"`{r}`" for r in notion.requires)
        lines.append(f"- `{notion.notion}` needs {needed} ({_cite(notion.citation, notion.quote)})")
    return "\n".join(lines) + "\n"


def _risks() -> str:
    lines = [
        "## Risks the report warns about",
        "",
        "Checked on the numbers of the questionnaire's *Sustainability and risks* section",
        "(thresholds and their reasons: `src/ovpkit/assessment/risks.py`). A flagged risk is",
        "listed with its recommendation, which joins the action plan as a step that starts",
        "first; a risk with a cap holds its criterion at most at that level while it lasts.",
        "",
        f"- `funding-cliff` (criterion 6, caps at 2 when more than {MOST:g}% is time-limited):"
        " more than half of the budget is time-limited, or some of it ends by the year after",
        "  the assessment with no plan for after.",
        f"- `leadership-turnover` (criterion 8): {TURNOVER_DIRECTORS} or more directors in five"
        " years.",
        "- `institutional-move` (criterion 8): at least one move to another department or"
        " reporting line in five years.",
        f"- `results-demanded` (criterion 9): results are asked for while documentation is"
        f" below level {RESULTS_LEVEL}.",
        "",
    ]
    for record in risk_records().values():
        lines.append(
            f"- `{record.id}`: {record.recommendation} ({_cite(record.citation, record.quote)})"
        )
    lines += [
        "",
        "**Numbers as evidence.** A number on which respondents disagree (unresolved) counts",
        "as one more deciding answer that is unknown for each criterion it feeds, lowering",
        "its confidence, and is listed under the criterion:",
        "",
    ]
    lines += [
        f"- `{q}`: criterion {', '.join(str(c) for c in cs)}" for q, cs in FACT_CRITERIA.items()
    ]
    return "\n".join(lines) + "\n"


def _plan() -> str:
    return (
        "## The action plan\n\n"
        "Steps are the confirmed opportunities and the flagged risks' recommendations. A step"
        " comes after the steps it waits for (`After`); its horizon is 0-6, 6-18 or 18-36"
        " months by that order. At most three steps start now, chosen among those with"
        " nothing to wait for: risks first, then steps the context makes urgent (`Priority`),"
        " then the criteria furthest behind, quick wins first. Each step names an owner role"
        " and is done when the answers of its check's questions show it at the next"
        " assessment.\n"
    )


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
