"""Assessment and reports of the report's four cities: the README main job's share.

Target: the four cities' HTML + PDF reports in English in under 30 s on one core.
Baseline (same process): assessing one city without rendering anything, so the ratios
say how much the rendering and the PDF cost relative to the engine itself.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.demo import build_reports
from ovpkit.assessment.engine import assess
from ovpkit.assessment.validation import city_assessments, example_answers_text
from ovpkit.knowledge import load_knowledge_base
from ovpkit.publish.assessment import render_assessment_html


def _seconds(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    kb = load_knowledge_base()
    text = example_answers_text("cali.yaml")
    assess(parse_answer_set(text), kb=kb)  # warm the caches (rubric, questionnaire)
    baseline = min(_seconds(lambda: assess(parse_answer_set(text), kb=kb)) for _ in range(5))
    cities = city_assessments(kb)
    html = _seconds(lambda: [render_assessment_html(a) for a in cities.values()])
    with tempfile.TemporaryDirectory() as out:
        full = _seconds(lambda: build_reports(Path(out), kb=kb))
    print(f"assess one city (baseline):            {baseline * 1000:8.1f} ms")
    print(
        f"HTML of the four cities:               {html * 1000:8.1f} ms  ({html / baseline:6.1f}x)"
    )
    print(
        f"HTML + PDF of the four cities (target < 30 s): {full:6.2f} s  ({full / baseline:6.0f}x)"
    )


if __name__ == "__main__":
    main()
