"""The words every people-facing format shares, by subject; ``words.X`` reaches each one.

The table and markdown renderers, and the terminal UI, lay these strings out; none words anything
itself, so all say the same thing. Plain strings only: no rich here (the JSON path must not load it).
Each subject's module lists its public names; this package holds them all.
"""

from __future__ import annotations

from . import budget, checklist, common, comparison, estimate, fx, home, offers, stats
from .budget import *  # noqa: F403
from .checklist import *  # noqa: F403
from .common import *  # noqa: F403
from .comparison import *  # noqa: F403
from .estimate import *  # noqa: F403
from .fx import *  # noqa: F403
from .home import *  # noqa: F403
from .offers import *  # noqa: F403
from .stats import *  # noqa: F403

__all__ = [
    *common.__all__, *estimate.__all__, *home.__all__, *comparison.__all__,
    *stats.__all__, *offers.__all__, *fx.__all__, *budget.__all__, *checklist.__all__,
]
