"""``python -m costcalc``: the same as the ``costcalc`` command."""

from .cli import run_main

run_main()
