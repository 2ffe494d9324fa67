"""``graphsvc import``: the demo's FHIR Bundles land as the demo neighbourhood
(KNOWS ties aside, which FHIR cannot carry); sending them again changes
nothing; bad lines of ndjson are rejected one by one and said."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from fhir_mappings import onion_differences
from graphsvc.config import Settings
from graphsvc.runtime import open_runtime
from graphsvc.seeding.demo import build_demo

from .test_cli_serve import ROOT, graphsvc

DEMO_FHIR = ROOT / "seeds" / "demo-fhir"


def test_the_demo_bundles_import_as_the_demo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = graphsvc("import", str(DEMO_FHIR), data=data)
    assert first.returncode == 0, first.stderr
    assert "importing" in first.stderr  # the progress bar
    resources = sum(len(json.loads(p.read_text())["entry"]) for p in DEMO_FHIR.glob("*.json"))
    assert f"created {resources}, updated 0, unchanged 0, deleted 0, rejected 0" in first.stderr

    again = graphsvc("import", str(DEMO_FHIR), data=data)
    assert again.returncode == 0, again.stderr
    assert f"created 0, updated 0, unchanged {resources}, deleted 0, rejected 0" in again.stderr

    demo = build_demo()

    async def onions() -> dict[str, object]:
        runtime = await open_runtime(Settings(data_dir=data))
        try:
            return dict(await runtime.repository.get_onions([o.client.id for o in demo.onions]))
        finally:
            await runtime.close()

    stored = asyncio.run(onions())
    assert len(stored) == len(demo.onions)
    for onion in demo.onions:
        after = stored[onion.client.id]
        assert onion_differences(onion.canonical(), after) == [], onion.client.id  # type: ignore[arg-type]


def test_ndjson_lines_stand_alone(tmp_path: Path) -> None:
    lines = [
        {"resourceType": "Patient", "id": "nd-1", "name": [{"family": "Mulder"}]},
        {"resourceType": "Patient", "id": "nd-2", "birthDate": "morgen"},
        {"resourceType": "Practitioner", "id": "nd-3", "name": [{"family": "Bakker"}]},
    ]
    source = tmp_path / "resources.ndjson"
    source.write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n{not json\n", encoding="utf-8"
    )
    result = graphsvc("import", str(source), data=tmp_path / "data")
    assert result.returncode == 1
    assert "created 2, updated 0, unchanged 0, deleted 0, rejected 2" in result.stderr
    assert "Patient.birthDate" in result.stderr and "resources.ndjson:4" in result.stderr


def test_a_missing_file_is_said_plainly(tmp_path: Path) -> None:
    result = graphsvc("import", str(tmp_path / "nothing.json"), data=tmp_path / "data")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_a_folder_s_xml_and_upper_case_files_are_imported(tmp_path: Path) -> None:
    """FHIR XML is FHIR as /fhir takes it, and a suffix's case says nothing
    (they were skipped without a word: "created 0")."""
    from fhir_mappings.xml_format import xml_of_json

    folder = tmp_path / "in"
    folder.mkdir()
    practitioner = {"resourceType": "Practitioner", "id": "x-1", "name": [{"family": "Smit"}]}
    (folder / "Practitioner.xml").write_bytes(xml_of_json(practitioner))
    shouting = {"resourceType": "Practitioner", "id": "x-2", "name": [{"family": "Bos"}]}
    (folder / "09-UPPER.JSON").write_text(json.dumps(shouting), encoding="utf-8")
    (folder / "broken.xml").write_text("<Practitioner xmlns='http://hl7.org/fhir'>", "utf-8")
    result = graphsvc("import", str(folder), data=tmp_path / "data")
    assert result.returncode == 1, result.stderr
    assert "created 2, updated 0, unchanged 0, deleted 0, rejected 1" in result.stderr
    assert "broken.xml" in result.stderr and "FHIR XML" in result.stderr
