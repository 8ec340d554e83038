"""Public names that a package imports from its submodules on first use, so that importing the
package (or a light name of it) does not load the libraries of its heavy submodules; and
:func:`loading_modules`, the block a command imports its modules in.

A package lists its lazy names and gives the module ``__getattr__`` this helper makes::

    __getattr__ = lazy_exports(__name__, {
        "relate_pair": "relate",
        "spark_session": "spark:session"
    })

with the same names imported under ``if TYPE_CHECKING:`` for type checkers.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager


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


@contextmanager
def loading_modules() -> Iterator[None]:
    """A block that imports the modules a command needs, with the garbage collector paused.

    What loading modules makes (functions, classes, compiled patterns, tables: some 60,000
    objects the collector tracks for a run) lives as long as the process, yet each of the
    collector's passes would walk it again: a one-article run spent about 60 ms so, a third of
    it in passes while the modules loaded. Once the block is left, the objects made so far are
    moved out of the collector's reach (``gc.freeze``; refcounting still frees them) and the
    collector runs again as it did before. Only a block that loaded some module freezes: a
    process calling commands again and again (tests, a program using the CLI) would otherwise
    freeze the cycles its earlier commands left, which the collector then never frees. Blocks
    may nest; only the outermost one pauses and resumes the collector."""
    was_enabled = gc.isenabled()
    modules = len(sys.modules)
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if len(sys.modules) > modules:
                gc.freeze()
            gc.enable()
