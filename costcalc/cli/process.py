"""Settings of the ``costcalc`` process, made before the libraries that read them are imported.

- pydantic looks for plugins among the installed packages' entry points the first time a model
  is built, reading the metadata of every installed distribution (about 20 ms); costcalc uses no
  plugin, so the command line switches the search off (``PYDANTIC_DISABLE_PLUGINS``). Even switched
  off, importing pydantic's plugin loader imports ``importlib.metadata`` (about 15 ms of every start),
  only to answer "no plugins": a stand-in for the loader gives that answer without the import while
  plugins are off, and hands every other question to the real loader (see ``_PluginsOff``).
- numpy's BLAS starts a pool of threads when it is imported (tens of milliseconds); sampling
  uses no linear algebra, so the command line asks for one thread. The simulated numbers are the
  same either way (the draws come from numpy's own generator, not from BLAS).

A variable the user has set is left as it is.
"""

from __future__ import annotations

import os
import sys
import types

__all__ = ["DEFAULTS", "PLUGINS_OFF", "prepare"]

DEFAULTS = {
    "PYDANTIC_DISABLE_PLUGINS": "__all__",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
"""Environment variables the command line sets where they are not set already."""


PLUGINS_OFF = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS with which pydantic loads no plugin at all."""
_LOADER = "pydantic.plugin._loader"
"""Where pydantic 2 keeps its plugin loader; it asks it for ``get_plugins`` when a model is first built."""


class _PluginsOff(types.ModuleType):
    """A stand-in for pydantic's plugin loader: ``get_plugins()`` is empty while the environment switches
    plugins off (as the real one is, read at each call); any other question, or plugins switched on,
    loads the real loader in its place and asks it."""

    def get_plugins(self):
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in PLUGINS_OFF:
            return ()
        return self._real().get_plugins()

    def __getattr__(self, name: str):
        if name.startswith("__"):  # what the import system asks of any module (``__path__``...): not a package
            raise AttributeError(name)
        return getattr(self._real(), name)

    def _real(self) -> types.ModuleType:
        import importlib

        if sys.modules.get(_LOADER) is self:
            del sys.modules[_LOADER]
        return importlib.import_module(_LOADER)


def prepare() -> None:
    """Set each of DEFAULTS that the environment does not set; with plugins off and pydantic not imported
    yet, put the stand-in for its plugin loader in place."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in PLUGINS_OFF and "pydantic" not in sys.modules:
        sys.modules.setdefault(_LOADER, _PluginsOff(_LOADER))
