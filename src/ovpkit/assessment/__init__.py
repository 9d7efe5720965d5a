"""Assessment: from an office's answers to the report's chart, recommendations and plan."""
