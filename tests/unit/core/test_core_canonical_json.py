"""canonical_json is RFC 8785 (JCS) byte for byte for every event-shaped value."""

from __future__ import annotations

from typing import Any

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from turingcore.store.chain import JSON_SAFE_INTEGER_MAX, assert_event_shaped, canonical_json

TRICKY_STRINGS = [
    "",
    'quote " backslash \\ slash /',
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1f\x7f",
    "\u2028\u2029",
    "café Ünïcødé ß",
    "emoji 😀🏦💸 and 𝄞",
    "日本語テキスト",
    "\ufeffBOM",
]

safe_integers = st.integers(min_value=-JSON_SAFE_INTEGER_MAX, max_value=JSON_SAFE_INTEGER_MAX)
any_text = st.text(st.characters(codec="utf-8")) | st.sampled_from(TRICKY_STRINGS)
ascii_keys = st.text(st.characters(max_codepoint=127), max_size=12)
scalars = st.none() | st.booleans() | safe_integers | any_text
event_shaped = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(ascii_keys, children, max_size=6)
    ),
    max_leaves=40,
)


def jcs(value: Any) -> str:
    text: str = rfc8785.dumps(value).decode("utf-8")
    return text


@settings(max_examples=300)
@given(event_shaped)
def test_canonical_json_equals_rfc8785_for_any_event_shaped_value(value: Any) -> None:
    assert canonical_json(value) == jcs(value)


@pytest.mark.parametrize("text", TRICKY_STRINGS)
def test_canonical_json_escapes_strings_exactly_like_rfc8785(text: str) -> None:
    assert canonical_json({"s": text, "l": [text]}) == jcs({"s": text, "l": [text]})


def test_canonical_json_sorts_keys_and_has_no_whitespace() -> None:
    value = {"b": 1, "a": {"d": [1, 2], "c": None}, "A": True, "_": "x"}

    assert canonical_json(value) == '{"A":true,"_":"x","a":{"c":null,"d":[1,2]},"b":1}'


@pytest.mark.parametrize("value", [JSON_SAFE_INTEGER_MAX, -JSON_SAFE_INTEGER_MAX])
def test_canonical_json_of_the_largest_safe_integers_matches_rfc8785(value: int) -> None:
    assert canonical_json([value]) == jcs([value])


@pytest.mark.parametrize(
    "value",
    [
        {"amount": 1.5},
        {"n": JSON_SAFE_INTEGER_MAX + 1},
        [-(JSON_SAFE_INTEGER_MAX + 1)],
        {"ké": 1},
        {1: "int key"},
        {"s": {1, 2}},
    ],
)
def test_assert_event_shaped_refuses_floats_unsafe_integers_and_non_ascii_keys(value: Any) -> None:
    with pytest.raises(AssertionError):
        assert_event_shaped(value)


@settings(max_examples=100)
@given(event_shaped)
def test_assert_event_shaped_accepts_every_event_shaped_value(value: Any) -> None:
    assert_event_shaped(value)
