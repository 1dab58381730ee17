"""``python -m evalkit.cli``: the same as the ``evalkit`` command."""

from . import main

main()
