"""Every quote in the knowledge base is verbatim in the report, in the cited section."""

from __future__ import annotations

import pytest

from ovpkit.knowledge import KnowledgeBase, ReportText, load_knowledge_base, normalise


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="module")
def report(report_raw: str) -> ReportText:
    return ReportText.from_text(report_raw)


def test_quotes_all_found_in_their_sections(kb: KnowledgeBase, report: ReportText) -> None:
    problems = [
        f"{label} [{citation.section}]: {problem}: {quote[:80]!r}"
        for label, citation, quote in kb.cited_texts()
        if (problem := report.find(quote, citation.section, citation.endnote)) is not None
    ]
    assert not problems, "\n".join(problems)


def test_quotes_check_fails_for_an_altered_quote(kb: KnowledgeBase, report: ReportText) -> None:
    label, citation, quote = next(iter(kb.cited_texts()))
    altered = quote.replace(" ", " not ", 1)
    assert report.find(altered, citation.section) == "not found in the report"


def test_quotes_check_rejects_a_quote_from_another_section(report: ReportText) -> None:
    quote = "specifies five clear goals: to reduce (1) levels of gun violence"
    assert report.find(quote, "part3/criterion-1") is None
    assert (
        report.find(quote, "part3/criterion-6")
        == "found in the report, but not in section 'part3/criterion-6'"
    )


def test_normalise_folds_extraction_noise() -> None:
    raw = "budget of \\$48 million,²⁰ **Oakland’s** leader- ship\n\t across"
    assert normalise(raw) == "budget of $48 million, oakland's leadership across"
