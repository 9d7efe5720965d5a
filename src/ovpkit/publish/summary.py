"""The one-minute summary every report opens with (issue 11).

A council member reads what was measured, at most three findings and at most three
next steps, then the detail. Each domain builds its :class:`Summary` from its own
result (never from the page), so the summary says nothing the result does not; the
layout (``templates/summary.html``) shows it the same way on every kind of report.
A step is proposed only when the result shows a reason for it: no reason, no step.
"""

from __future__ import annotations

from dataclasses import dataclass

#: At most this many findings and steps: more and it is no longer read in a minute.
MOST = 3


@dataclass(frozen=True)
class Summary:
    """What was measured, the findings that matter, the next steps (translated text)."""

    measured: str
    findings: tuple[str, ...]
    steps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Keep the first ones: each domain lists them most important first.
        object.__setattr__(self, "findings", tuple(self.findings[:MOST]))
        object.__setattr__(self, "steps", tuple(self.steps[:MOST]))
