"""The report's sections, so that a citation names a place a reader can find.

Citations in the knowledge base use the short keys below (``part3/criterion-6``).
:func:`locate_sections` finds each section's span in the report text, which lets
the quote test check that a quote is not only somewhere in the report but inside
the section its citation names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    heading_line: str  # the line that opens the section in the report text


SECTIONS: tuple[Section, ...] = (
    Section("about", "About", "About"),
    Section("introduction", "Introduction", "Introduction"),
    Section(
        "part1/menu-of-options",
        "Part 1: OVPs Can Achieve Effectiveness through a Broad Menu of Options",
        "OVPs Can Achieve Effectiveness through a Broad Menu of Options",
    ),
    Section(
        "part1/civilian-leadership",
        "Part 1: Civilian Leadership Is Crucial",
        "Civilian Leadership Is Crucial",
    ),
    Section(
        "part1/specificity",
        "Part 1: Balance Specificity and Comprehensiveness",
        "Balance Specificity and Comprehensiveness",
    ),
    Section("part1/autonomy", "Part 1: Ensure Sufficient Autonomy", "Ensure Sufficient Autonomy"),
    Section(
        "part1/buy-in",
        "Part 1: Increase Political and Societal Buy-In to Ensure Sustainability",
        "Increase Political and Societal Buy-In to Ensure Sustainability",
    ),
    Section(
        "part1/whole-of-city",
        "Part 1: Coordinate a Whole-of-City Approach to Prevention",
        "Coordinate a Whole-of-City Approach to Prevention",
    ),
    Section(
        "part1/resources",
        "Part 1: Ensure Resources Meet Ambition",
        "Ensure Resources Meet Ambition",
    ),
    Section(
        "part1/good-practices",
        "Part 1: There Are Good Practices That May Be Replicable",
        "There Are Good Practices That May Be Replicable",
    ),
    Section("part2/intro", "Part 2: Methodology", "Part 2: Methodology"),
    Section(
        "part2/selection",
        "Part 2: Sample and Subsample Selection",
        "Sample and Subsample Selection",
    ),
    Section(
        "part2/criteria",
        "Part 2: Definition and Rationale of Criteria",
        "Definition and Rationale of Criteria",
    ),
    Section(
        "part2/us-differences",
        "Part 2: Differences between US OVPs and Non-US Offices",
        "Differences between US OVPs and Non-US Offices",
    ),
    Section(
        "part3/intro",
        "Part 3: Specific Findings, Tradeoffs, and Lessons",
        "Part 3: Specific Findings, Tradeoffs, and Lessons",
    ),
    Section(
        "part3/criterion-1",
        "Part 3, Criterion 1: Clear, Public Mandate",
        "Criterion 1: Clear, Public Mandate",
    ),
    Section(
        "part3/closer-look-oakland",
        "Part 3, A Closer Look: Oakland's Department of Violence Prevention",
        "A Closer Look:",
    ),
    Section(
        "part3/criterion-2",
        "Part 3, Criterion 2: Consultations and Community Partnerships",
        "Criterion 2: Consultations and Community Partnerships",
    ),
    Section(
        "part3/criterion-3",
        "Part 3, Criterion 3: Sound, Regularly Updated Diagnoses",
        "Criterion 3: Sound, Regularly Updated Diagnoses",
    ),
    Section(
        "part3/criterion-4",
        "Part 3, Criterion 4: Well-Defined Population",
        "Criterion 4: Well-Defined Population",
    ),
    Section(
        "part3/criterion-5",
        "Part 3, Criterion 5: Comprehensive and Coherent Prevention Approach",
        "Criterion 5: Comprehensive and Coherent Prevention Approach",
    ),
    Section(
        "part3/criterion-6",
        "Part 3, Criterion 6: Appropriate and Sustainable Budget",
        "Criterion 6: Appropriate and Sustainable Budget",
    ),
    Section(
        "part3/criterion-7",
        "Part 3, Criterion 7: Sufficient, Qualified Staff",
        "Criterion 7: Sufficient, Qualified Staff",
    ),
    Section(
        "part3/criterion-8",
        "Part 3, Criterion 8: Strong Political Buy-In",
        "Criterion 8: Strong Political Buy-In",
    ),
    Section(
        "part3/criterion-9",
        "Part 3, Criterion 9: Public Documentation of Activities, Results, and Impact",
        "Criterion 9: Public Documentation of Activities, Results, and Impact",
    ),
    Section(
        "part4/intro",
        "Part 4: Adapting Lessons to PiOC Members",
        "Part 4: Adapting Lessons to PiOC Members",
    ),
    Section("part4/bristol", "Part 4: Bristol's Momentum", "Bristol's Momentum"),
    Section("part4/cali", "Part 4: Cali's Coordination", "Cali's Coordination"),
    Section("part4/edmonton", "Part 4: Edmonton's Leadership", "Edmonton's Leadership"),
    Section("part4/rosario", "Part 4: Rosario's Opportunity", "Rosario's Opportunity"),
    Section(
        "part5/conclusions",
        "Part 5: Concluding Observations",
        "Part 5: Concluding Observations",
    ),
    Section("about-authors", "About the Authors", "About the Authors"),
    Section("acknowledgments", "Acknowledgments", "Acknowledgments"),
    Section("appendix", "Appendix", "Appendix"),
    Section("endnotes", "Endnotes", "Endnotes"),
)

SECTION_KEYS: frozenset[str] = frozenset(s.key for s in SECTIONS)
SECTION_TITLES: dict[str, str] = {s.key: s.title for s in SECTIONS}


def locate_sections(report_text: str) -> dict[str, tuple[int, int]]:
    """Return each section's (start, end) character span in the report text.

    Headings are matched as whole lines, in order, each after the previous one,
    so the table of contents at the top (which repeats some headings) is skipped
    by the ordering. Raises ``ValueError`` if a heading is missing, since then the
    report text is not the one the knowledge base was cited against.
    """
    lines = report_text.splitlines(keepends=True)
    offsets: list[int] = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    starts: list[int] = []
    line_index = 0
    for section in SECTIONS:
        while line_index < len(lines) and lines[line_index].strip() != section.heading_line:
            line_index += 1
        if line_index == len(lines):
            raise ValueError(f"heading not found in the report text: {section.heading_line!r}")
        starts.append(offsets[line_index])
        line_index += 1
    ends = starts[1:] + [len(report_text)]
    return {s.key: (start, end) for s, start, end in zip(SECTIONS, starts, ends, strict=True)}
