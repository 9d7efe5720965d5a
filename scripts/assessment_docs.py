"""Regenerate the assessment's generated documents from their single sources of truth.

- docs/rubric.md from src/ovpkit/assessment/data/rubric.yaml;
- the agreement table inside docs/validation.md (between its markers) from the engine's
  run on the four cities' answers files.

Usage: .venv/bin/python scripts/assessment_docs.py   (tests fail while these are stale)
"""

from __future__ import annotations

from pathlib import Path

from ovpkit.assessment.docs import refresh_documents

if __name__ == "__main__":
    for path in refresh_documents(Path(__file__).resolve().parents[1] / "docs"):
        print(f"written: {path}")
