"""Rule files load into typed profiles: an unknown key is an error naming the file, the key and the
keys accepted there; a workspace's own copy wins over the packaged file."""

from __future__ import annotations

import shutil

import pytest

from transition import mappings
from transition.errors import ProfileError
from transition.profiles import load_profile, parse_profile
from transition.profiles.formats import CrosswalkFormat, RegistersFormat
from transition.profiles.rules import (
    GeneratedVocabulary,
    RecordDestinations,
    Staffing,
    Timeline,
    Tolerances,
)
from transition.resources import MAPPINGS_DIR

TYPED = {
    "checks.toml": Tolerances,
    "timeline.toml": Timeline,
    "staffing_2025.toml": Staffing,
    "record_destinations.toml": RecordDestinations,
    "generated_registers.toml": GeneratedVocabulary,
    "crosswalk_format.toml": CrosswalkFormat,
    "registers_format.toml": RegistersFormat,
}


@pytest.mark.parametrize("name", sorted(TYPED))
def test_every_packaged_rule_file_loads_into_its_profile(name):
    profile = load_profile(TYPED[name], name)
    assert isinstance(profile, TYPED[name])


def own_copy(tmp_path, name, edit):
    (tmp_path / "mappings").mkdir(exist_ok=True)
    target = tmp_path / "mappings" / name
    shutil.copy(MAPPINGS_DIR / name, target)
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def test_a_misspelt_key_names_the_file_the_key_and_the_accepted_keys(tmp_path):
    target = own_copy(
        tmp_path, "checks.toml", lambda t: t.replace("share_tolerance", "share_tolerence")
    )
    with pytest.raises(ProfileError) as err:
        load_profile(Tolerances, "checks.toml", tmp_path)
    message = str(err.value)
    assert str(target) in message
    assert "key 'share_tolerence' is not known (misspelt?)" in message
    assert "accepted keys here:" in message and "share_tolerance" in message
    assert "key 'share_tolerance' is missing" in message


def test_an_unknown_key_deep_in_a_file_lists_the_keys_of_its_table():
    data = load_profile(Staffing, "staffing_2025.toml").model_dump()
    data["costs"]["surprise"] = 1
    with pytest.raises(ProfileError, match=r"key 'costs\.surprise' is not known") as err:
        parse_profile(Staffing, data, "staffing_2025.toml")
    for key in data["costs"]:
        if key != "surprise":
            assert key in str(err.value)


def test_the_workspace_copy_wins_over_the_packaged_file(tmp_path):
    packaged = load_profile(Timeline, "timeline.toml")
    own_copy(tmp_path, "timeline.toml", lambda t: t.replace("2025-07-01", "2025-08-01"))
    mine = load_profile(Timeline, "timeline.toml", tmp_path)
    assert packaged.cutover.isoformat() == "2025-07-01"
    assert mine.cutover.isoformat() == "2025-08-01"


def test_a_crosswalk_format_with_an_unknown_column_is_refused():
    with pytest.raises(ProfileError, match="unknown column olde_code .*accepted: level, old_code"):
        parse_profile(CrosswalkFormat, {"crosswalk": {"olde_code": ["ma_cu"]}, "units": {}})


def test_a_reference_table_without_a_needed_column_is_refused(tmp_path, monkeypatch):
    broken = tmp_path / "island_units.csv"
    broken.write_text("code,name\n07180,Đặc khu Vân Đồn\n", encoding="utf-8")
    monkeypatch.setattr(mappings, "mapping_path", lambda *_args, **_kw: broken)
    mappings.read_table.cache_clear()
    try:
        with pytest.raises(ProfileError, match="column province_code, note is missing"):
            mappings.read_table("island_units.csv")
    finally:
        mappings.read_table.cache_clear()


def test_a_register_format_with_an_unknown_column_is_refused():
    spec = load_profile(RegistersFormat, "registers_format.toml").model_dump()
    spec["assets"]["valeur"] = ["giá trị"]
    with pytest.raises(ProfileError, match=r"key 'assets': .*unknown column valeur.*accepted: id"):
        parse_profile(RegistersFormat, spec, "registers_format.toml")
