"""The rubric data: cited rules, a full ladder per criterion, tags the knowledge base uses."""

from __future__ import annotations

from ovpkit.assessment.rubric import Rubric
from ovpkit.knowledge import KnowledgeBase, ReportText


def test_rubric_quotes_found_in_their_sections(rubric: Rubric, report: ReportText) -> None:
    cited = [(c.id, c.citation, c.quote) for c in rubric.checks]
    cited += [(",".join(t.tags), t.citation, t.quote) for t in rubric.context_tags]
    cited += [(n.notion, n.citation, n.quote) for n in rubric.key_notions]
    cited += [(c.id, c.priority.citation, c.priority.quote) for c in rubric.checks if c.priority]
    for model in rubric.office_models.models:
        cited += [(model.model, r.citation, r.quote) for r in model.favoured_by]
        cited.append((model.model, model.caution.citation, model.caution.quote))
    problems = [
        f"{label}: {problem}"
        for label, citation, quote in cited
        if (problem := report.find(quote, citation.section, citation.endnote))
    ]
    assert not problems, "\n".join(problems)


def test_rubric_has_checks_at_every_level_of_every_criterion(rubric: Rubric) -> None:
    for criterion in range(1, 10):
        assert all(rubric.checks_for(criterion, level) for level in (1, 2, 3)), criterion


def test_rubric_tags_are_practice_tags_of_the_knowledge_base(
    rubric: Rubric, kb: KnowledgeBase
) -> None:
    used = {t for p in kb.practices for t in p.tags}
    rubric_tags = {t for c in rubric.checks for t in c.tags}
    rubric_tags |= {t for rule in rubric.context_tags for t in rule.tags}
    assert rubric_tags <= used, sorted(rubric_tags - used)


def test_rubric_after_links_point_backwards_or_across(rubric: Rubric) -> None:
    for check in rubric.checks:
        for earlier in check.after:
            target = rubric.check(earlier)
            same = target.criterion == check.criterion
            assert not same or target.level <= check.level, (check.id, earlier)
