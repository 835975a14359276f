"""Issue 21, policy side: a hostile ``policy.yaml`` is an InputError naming file, line or field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import EncodingError, InputError
from tawthiq.policy import load_policy

TRAPS = Path(__file__).resolve().parents[1] / "fixtures" / "traps"


@pytest.mark.parametrize(
    ("name", "field", "words"),
    [
        ("policy_3000_nested_brackets.yaml", None, ""),
        ("policy_public_fields_not_a_list.yaml", "public_fields.incident", "list of field names"),
        ("policy_self_referencing_alias.yaml", "public_fields.incident", "list of field names"),
        ("policy_radius_infinite.yaml", "front_line.radius_m", "finite"),
    ],
)
def test_policy_trap_is_an_input_error(name, field, words):
    with pytest.raises(InputError) as err:
        load_policy(TRAPS / name)
    assert Path(err.value.path).name == name and err.value.field == field and words in str(err.value)


def test_policy_with_invalid_utf8_names_byte_and_line():
    with pytest.raises(EncodingError) as err:
        load_policy(TRAPS / "policy_invalid_utf8.yaml")
    assert err.value.line == 2 and "byte 37 (0xff)" in str(err.value)


def test_publication_delay_past_the_calendar_is_refused(tmp_path):
    p = tmp_path / "policy.yaml"
    p.write_text("publication_delay_days: 1000000000000\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_policy(p)
    assert err.value.field == "publication_delay_days"
