"""ovpkit: the method of "Lessons from Effective Offices of Violence Prevention" as software.

The core is pure Python: the report as cited data (``ovpkit.knowledge``), the
subsample selection (``ovpkit.selection``), and the analytical engines built on
them. The web layer (``ovpkit_web``) depends on the core, never the reverse.
"""

from ovpkit.errors import (
    AnswersError,
    DataError,
    KnowledgeError,
    OvpkitError,
    SpecError,
)

__all__ = [
    "AnswersError",
    "DataError",
    "KnowledgeError",
    "OvpkitError",
    "SpecError",
    "__version__",
]

__version__ = "0.1.0"
