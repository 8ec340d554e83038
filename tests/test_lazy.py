"""Names a package imports from its submodules on first use (storyweave._lazy)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = """
from storyweave._lazy import lazy_exports

__getattr__ = lazy_exports(__name__, {"weight": "heavy", "light_weight": "heavy:weight"})
"""


@pytest.fixture
def lazy_package(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "lazy_sample"
    folder.mkdir()
    (folder / "__init__.py").write_text(PACKAGE, encoding="utf-8")
    (folder / "heavy.py").write_text("weight = 42\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    yield "lazy_sample"
    sys.path.remove(str(tmp_path))
    for name in ("lazy_sample", "lazy_sample.heavy"):
        sys.modules.pop(name, None)


def test_a_lazy_name_is_imported_on_first_use_and_kept(lazy_package: str) -> None:
    import importlib

    package = importlib.import_module(lazy_package)
    assert f"{lazy_package}.heavy" not in sys.modules
    assert package.weight == 42
    assert f"{lazy_package}.heavy" in sys.modules
    assert "weight" in vars(package)  # kept: the next use does not ask __getattr__


def test_a_name_may_differ_from_its_attribute(lazy_package: str) -> None:
    import importlib

    assert importlib.import_module(lazy_package).light_weight == 42


def test_an_unknown_name_is_an_attribute_error(lazy_package: str) -> None:
    import importlib

    package = importlib.import_module(lazy_package)
    with pytest.raises(AttributeError, match="no attribute 'missing'"):
        _ = package.missing
    assert getattr(package, "missing", None) is None


@pytest.fixture
def collector() -> Iterator[None]:
    """The garbage collector as a test found it, restored after it (unfrozen, enabled)."""
    import gc

    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_modules_load_with_the_collector_paused_and_then_frozen(
    collector: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from storyweave._lazy import loading_modules

    (tmp_path / "module_loaded_in_the_block.py").write_text("TABLE = [[n] for n in range(1000)]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    gc.enable()
    frozen = gc.get_freeze_count()
    with loading_modules():
        assert not gc.isenabled()
        with loading_modules():  # nested: the outer block resumes the collector
            import module_loaded_in_the_block  # type: ignore[import-not-found]
        assert not gc.isenabled()
    assert gc.isenabled()
    made = module_loaded_in_the_block.TABLE
    assert gc.get_freeze_count() >= frozen + len(made)  # out of the collector's passes


def test_a_block_loading_no_module_leaves_earlier_garbage_to_the_collector(
    collector: None,
) -> None:
    import gc
    import weakref

    from storyweave._lazy import loading_modules

    class Node:
        pass

    gc.enable()
    cycle = Node()
    cycle.self = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    del cycle  # garbage only the collector frees
    frozen = gc.get_freeze_count()
    with loading_modules():  # e.g. a second command in one process: nothing new to load
        pass
    assert gc.get_freeze_count() == frozen
    gc.collect()
    assert alive() is None


def test_a_paused_collector_stays_paused_after_loading(collector: None) -> None:
    import gc

    from storyweave._lazy import loading_modules

    gc.disable()
    frozen = gc.get_freeze_count()
    with loading_modules():
        pass
    assert not gc.isenabled() and gc.get_freeze_count() == frozen
