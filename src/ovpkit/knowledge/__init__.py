"""The report "Lessons from Effective Offices of Violence Prevention" as cited data."""

from ovpkit.knowledge.base import KnowledgeBase
from ovpkit.knowledge.loader import COLLECTIONS, builtin_directory, load_knowledge_base
from ovpkit.knowledge.quotes import ReportText, normalise

__all__ = [
    "COLLECTIONS",
    "KnowledgeBase",
    "ReportText",
    "builtin_directory",
    "load_knowledge_base",
    "normalise",
]
