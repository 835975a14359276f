"""One plugin manager for readers and exporters: a plugin adds both through tawthiq.hookspecs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.export import exporters
from tawthiq.ingest import pick_reader, readers
from tawthiq.plugins import DEFAULT_PLUGINS, plugin_manager

from . import example_plugin


@pytest.fixture
def registered():
    pm = plugin_manager()
    pm.register(example_plugin, name="example")
    try:
        yield pm
    finally:
        pm.unregister(name="example")


def test_readers_and_exporters_share_one_manager_with_the_built_ins():
    from tawthiq.export import plugin_manager as export_pm
    from tawthiq.ingest._plugins import plugin_manager as ingest_pm

    assert export_pm() is ingest_pm() is plugin_manager()
    names = {name for name, _ in plugin_manager().list_name_plugin()}
    assert set(DEFAULT_PLUGINS) <= names
    assert {r.name for r in readers()} >= {"text", "html", "email", "whatsapp", "jsonl"}
    assert {"acled", "ged", "geojson", "hxl", "pfif", "dump"} <= set(exporters())


def test_an_example_plugin_adds_a_reader_and_an_exporter(registered):
    assert pick_reader(Path("visit.fieldnote"), b"Visit\nbody").name == "fieldnote"
    assert pick_reader(Path("report.txt"), b"text").name != "fieldnote"
    found = exporters()
    assert found["counts"] is example_plugin.COUNTS
    assert found["acled"].description != "a plugin may not replace a built-in"


def test_unregistered_the_example_plugin_leaves_no_trace():
    pm = plugin_manager()
    pm.register(example_plugin, name="example")
    pm.unregister(name="example")
    assert "counts" not in exporters()
    assert "fieldnote" not in {r.name for r in readers()}


def test_an_unknown_format_is_answered_with_every_format_in_the_order_the_help_lists_them():
    """The formats come from three plugins (the export stage's incident formats, the people
    stage's ``pfif``, the private ``dump``): their order in the message is DEFAULT_PLUGINS'."""
    from tawthiq.app.export import check_format
    from tawthiq.cli.export import _FORMATS
    from tawthiq.errors import InputError

    with pytest.raises(InputError) as err:
        check_format("acled-v2")
    assert str(err.value).endswith("choose one of: " + ", ".join(_FORMATS))
    assert list(exporters()) == list(_FORMATS)


def test_no_stage_loads_another_stage_by_name_where_the_import_contract_cannot_see_it():
    """``importlib.import_module("tawthiq.people…")`` inside the export stage hid a dependency
    between two independent stages from import-linter (the stages' layer in pyproject.toml)."""
    import re

    import tawthiq

    root = Path(tawthiq.__file__).parent
    below_app = (
        *("ingest", "extract", "corroborate", "people", "sources", "estimate", "evidence", "export"),
        *("policy", "gazetteer", "store"),
    )
    found = [
        f"{path.relative_to(root)}: {m.group(0)}"
        for stage in below_app
        for path in (root / stage).rglob("*.py")
        for m in re.finditer(r"import_module\(\s*[\"']tawthiq\.[\w.]+", path.read_text(encoding="utf-8"))
    ]
    assert found == []
