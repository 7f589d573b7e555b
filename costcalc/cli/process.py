"""Settings of the ``costcalc`` process, made before the libraries that read them are imported.

- pydantic looks for plugins among the installed packages' entry points the first time a model
  is built, reading the metadata of every installed distribution (about 20 ms); costcalc uses no
  plugin, so the command line switches the search off (``PYDANTIC_DISABLE_PLUGINS``).
- numpy's BLAS starts a pool of threads when it is imported (tens of milliseconds); sampling
  uses no linear algebra, so the command line asks for one thread. The simulated numbers are the
  same either way (the draws come from numpy's own generator, not from BLAS).

A variable the user has set is left as it is.
"""

from __future__ import annotations

import os

__all__ = ["DEFAULTS", "prepare"]

DEFAULTS = {
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
"""Environment variables the command line sets where they are not set already."""


def prepare() -> None:
    """Set each of DEFAULTS that the environment does not set."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
