"""What a hostile or careless client sends, shared by the surfaces."""

from __future__ import annotations

import json
from urllib.parse import quote

from hypothesis import strategies as st

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Cc", "Zs", "So", "Mn"]), max_size=20),
    st.sampled_from(
        [
            "",
            "\x00",
            "\ud800",
            "\udfff\ud800",
            "\u202e",
            "\ufeff",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "`MATCH (n) DETACH DELETE n`",
            "}) DETACH DELETE n //",
            "$x",
            "{{7*7}}",
            "../../etc/passwd",
            "%00",
            "%",
            "a" * 5000,
            "Ωμέγα",
            "😀",
            "1e400",
            "-0",
            "NaN",
            "Infinity",
            "9" * 40,
            "null",
            "true",
        ]
    ),
)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1, 10**30, 1e308, 5e-324]),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | NUMBERS | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(HOSTILE_TEXT, inner, max_size=4),
    max_leaves=20,
)


def segment(text: str) -> str:
    """A path segment as a hostile client would send it, lone surrogates too."""
    return quote(text, safe="", errors="surrogatepass")


def mostly(usual: str, odd: st.SearchStrategy[str], times: int = 5) -> st.SearchStrategy[str]:
    """``usual`` about ``times`` times as often as something ``odd``."""
    return st.one_of(*[st.just(usual)] * times, odd)


def nested(depth: int, kind: str = "object") -> str:
    """A JSON value ``depth`` lists or objects deep."""
    if kind == "list":
        return "[" * depth + "1" + "]" * depth
    return '{"a": ' * depth + "1" + "}" * depth


RAW_JSON_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "{",
            "}",
            "[]",
            "null",
            "NaN",
            "-Infinity",
            '"x"',
            "1e99999",
            '{"a": 1,}',
            "{'a': 1}",
            '{"a": "\\ud800"}',
            '{"a": "\\u0000"}',
            '{"a": 1, "a": 2}',
            "\ufeff{}",
        ]
    ),
    st.integers(1, 5000).flatmap(lambda d: st.sampled_from([nested(d), nested(d, "list")])),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
    JSON_VALUE.map(json.dumps),
)
RAW_BYTES = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([b"\xff\xfe{", b'{"a": "\xc3\x28"}', b"\x00" * 10, b"\xef\xbb\xbf{}"]),
)
CONTENT_TYPES = st.sampled_from(
    [
        "",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "application/json;;;",
        "APPLICATION/JSON",
        "application/graphql",
        "*/*",
        "application/",
        "\u00e9/\u00e9",
    ]
)
# What HTTP lets through: no control characters, no space at either end.
HEADER_TEXT = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60
).map(str.strip)
AUTHORIZATIONS = st.one_of(
    st.sampled_from(
        ["", "Bearer", "Bearer  x", "Basic dXNlcjpwdw==", "bearer x.y.z", "Bearer a.b"]
    ),
    HEADER_TEXT,
    HEADER_TEXT.map(lambda t: f"Bearer {t}".strip()),
)
ODD_HEADERS = st.dictionaries(
    st.sampled_from(
        [
            "Accept",
            "Accept-Encoding",
            "Accept-Language",
            "X-Request-ID",
            "X-Forwarded-For",
            "Origin",
            "Range",
            "If-None-Match",
            "Transfer-Encoding-Hint",
            "Cookie",
        ]
    ),
    HEADER_TEXT,
    max_size=3,
)
