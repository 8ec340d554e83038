"""Public names that a package imports from its submodules on first use, so that importing the
package (or a light name of it) does not load the libraries of its heavy submodules.

A package lists its lazy names and gives the module ``__getattr__`` this helper makes::

    __getattr__ = lazy_exports(__name__, {
        "relate_pair": "relate",
        "spark_session": "spark:session"
    })

with the same names imported under ``if TYPE_CHECKING:`` for type checkers.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(package: str, names: Mapping[str, str]) -> Callable[[str], object]:
    """The module ``__getattr__`` of ``package``: ``names`` maps each lazy name to the
    submodule that defines it (``"relate"``), or to ``"submodule:attribute"`` when the package
    gives the attribute another name. A name is kept in the package once imported."""
    where = dict(names)

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = where[name].partition(":")
        value = getattr(importlib.import_module(f".{module}", package), attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
