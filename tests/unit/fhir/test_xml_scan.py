"""The scan of an XML body before the parser reads it (attributes and
namespace declarations per element and in all), and the count of repeated
elements before the models read the tree: exact where markup is markup
(quoted values holding ">" or "=", comments, CDATA, processing
instructions), and linear in the body, whatever it holds."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from fhir_mappings import FhirValidationError
from fhir_mappings.body_limits import (
    MAX_REPEATS,
    MAX_XML_ATTRIBUTES,
    MAX_XML_NAMESPACES,
    check_repeats,
    scan_xml,
)
from fhir_mappings.xml_format import json_of_xml, xml_of_json

XML_FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fhir" / "xml"
FHIR = b'xmlns="http://hl7.org/fhir"'


def attributes(count: int, value: str = "1") -> bytes:
    return " ".join(f'a{i}="{value}"' for i in range(count)).encode()


def refused(body: bytes) -> str:
    with pytest.raises(FhirValidationError) as raised:
        scan_xml(body)
    [issue] = raised.value.issues
    assert issue.code == "structure"
    return issue.message


def test_the_repositorys_xml_and_what_the_service_writes_pass() -> None:
    for path in XML_FIXTURES.glob("*.xml"):
        scan_xml(path.read_bytes())
        json_of_xml(path.read_bytes())
    narrative = '<div xmlns="http://www.w3.org/1999/xhtml"><p>a &gt; b = c</p></div>'
    patient = {"resourceType": "Patient", "text": {"status": "generated", "div": narrative}}
    entries = [{"resource": {**patient, "id": f"p{i}"}} for i in range(300)]
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    written = xml_of_json(bundle)
    assert written.count(b"xmlns=") == 301  # a declaration on every narrative
    scan_xml(written)


def test_at_most_64_attributes_and_declarations_on_one_element() -> None:
    scan_xml(b"<Patient " + FHIR + b" " + attributes(MAX_XML_ATTRIBUTES - 1) + b"/>")
    said = refused(b"<Patient " + FHIR + b" " + attributes(MAX_XML_ATTRIBUTES) + b"/>")
    assert said.startswith("the element <Patient> at line 1, column 1 carries more than 64")
    below = b"<Patient " + FHIR + b">\n  <name " + attributes(65) + b"/></Patient>"
    assert "<name> at line 2, column 3" in refused(below)
    spaced = b"<Patient " + b" ".join(b"a%d = '1'" % i for i in range(65)) + b">"
    assert "more than 64" in refused(spaced)


def test_quoted_values_are_read_whole() -> None:
    """ ">" and "=" inside a value end nothing and count nothing; what comes
    after a value holding ">" is still the same tag."""
    value = "x=1&amp;y=2&gt;" * 200 + "> = >"
    scan_xml(b"<Patient " + FHIR + b'><id value="' + value.encode() + b'"/></Patient>')
    scan_xml(b"<Patient v='" + b"=>" * 500 + b"' w=\"'\" x='\"'/>")
    after = b'<Patient v=">" w=">>=" ' + attributes(63) + b"/>"
    assert "more than 64" in refused(after)
    assert "more than 64" in refused(b"<Patient v='\">' " + attributes(64) + b"/>")


@pytest.mark.parametrize(
    "hidden",
    [
        b"<!-- <a %s> -->",
        b"<!-- a comment with > and -- and quotes ' \" <a %s> --->",
        b"<![CDATA[ <a %s> ]] > ] ' \" ]]>",
        b"<?pi <a %s> ' \" ?>",
        b"<?xml version='1.0' encoding='utf-8'?><!-- ' -->",
    ],
    ids=["comment", "comment-tricky", "cdata", "processing-instruction", "declaration"],
)
def test_comments_cdata_and_instructions_hold_no_markup(hidden: bytes) -> None:
    inside = hidden.replace(b"%s", attributes(100)) if b"%s" in hidden else hidden
    scan_xml(inside + b"<Patient " + FHIR + b"/>")
    scan_xml(b"<Patient " + FHIR + b"><text>" + inside + b"</text></Patient>")
    # and what follows them is read again as markup
    after = inside + b"\n<Patient " + attributes(65) + b"/>"
    assert "<Patient> at line 2, column 1" in refused(after)


def test_quotes_and_brackets_in_text_are_text() -> None:
    text = b"<Patient " + FHIR + b'><a>it\'s "so" > = ]]> --></a><b ' + attributes(65) + b"/>"
    assert "<b>" in refused(text)


def test_namespace_declarations_are_counted_once_each() -> None:
    declarations = b" ".join(b'xmlns:p%d="urn:x:%d"' % (i, i) for i in range(MAX_XML_NAMESPACES))
    scan_xml(b"<Patient " + declarations + b"/>")  # with the default one below: 16
    many = b"<Patient " + declarations + b"><a " + FHIR + b"/></Patient>"
    assert "more than 16 XML namespaces (one more at line 1, column " in refused(many)
    one_by_one = b"".join(b"<a xmlns:p='urn:x:%d'/>" % i for i in range(17))
    assert "more than 16" in refused(b"<Patient " + FHIR + b">" + one_by_one + b"</Patient>")
    # the same declaration again and again is one: a narrative's on every resource
    again = b'<div xmlns="http://www.w3.org/1999/xhtml"/>' * 10_000
    scan_xml(b"<Bundle " + FHIR + b">" + again + b"</Bundle>")
    # text that looks like a declaration, in a value or in text, declares nothing
    looks = " ".join(f"xmlns:p{i}='urn:{i}'" for i in range(40))
    scan_xml(b"<Patient " + FHIR + b' v="' + looks.encode() + b'"><a>' + looks.encode() + b"</a>")
    scan_xml(b"<Patient " + FHIR + b"><!-- " + looks.encode() + b" --></Patient>")


def test_markup_that_is_no_xml_stops_nothing_and_hangs_nothing() -> None:
    for body in (
        b"",
        b"<",
        b"<<<<",
        b"</",
        b"<!",
        b"<!--",
        b"<![CDATA[",
        b"<?",
        b'<a b="',
        b"<a b='<c d='",
        b"plain text",
        b"\x00\xff<\x00a\x00>",
    ):
        scan_xml(body)


def test_utf16_is_refused_rather_than_read_past_the_scan() -> None:
    body = ('<Patient xmlns="http://hl7.org/fhir"><id value="x"/></Patient>').encode("utf-16")
    with pytest.raises(FhirValidationError, match="UTF-8"):
        json_of_xml(body)
    declared = b'<?xml version="1.0" encoding="UTF-16"?>'
    declared += b'<Patient xmlns="http://hl7.org/fhir"><id value="x"/></Patient>'
    assert json_of_xml(declared) == {"resourceType": "Patient", "id": "x"}  # read as UTF-8


@pytest.mark.parametrize(
    "body",
    [
        b"<a/>" * 1_000_000,
        b"</a>" * 1_000_000,
        b"<!--" * 1_000_000,
        b"<a b='" * 700_000,
        b"<a " + b"b" * 4_000_000 + b">",
        b"<a xmlns " + b"x" * 4_000_000,
        b"<" + b"x" * 4_000_000,
        b"".join(b'<a xmlns:p="urn:a" b="%d"/>' % i for i in range(150_000)),
        b"<a v='" + b"=" * 4_000_000 + b"'/>",
        b"<![CDATA[" + b"]" * 4_000_000,
        b"<!-- " + b"-" * 4_000_000,
        b"<?" + b"?" * 4_000_000,
    ],
    ids=lambda body: repr(body[:12]),
)
def test_the_scan_is_quick_whatever_4_mib_hold(body: bytes) -> None:
    started = time.perf_counter()
    with contextlib.suppress(FhirValidationError):
        scan_xml(body)
    assert time.perf_counter() - started < 2.0  # some 0.2 s; quadratic would be hours


def test_repeats_are_counted_on_the_tree() -> None:
    extensions = b'<extension url="http://e.x/a"><valueString value="v"/></extension>'
    body = b"<RelatedPerson " + FHIR + b">\n" + extensions * (MAX_REPEATS + 1) + b"</RelatedPerson>"
    with pytest.raises(FhirValidationError) as raised:
        json_of_xml(body)
    [issue] = raised.value.issues
    assert issue.expression == "RelatedPerson.extension"
    assert f"repeats more than {MAX_REPEATS} times (once more at line 2)" in issue.message
    check_repeats(etree.fromstring(b"<a>" + extensions * MAX_REPEATS + b"</a>"))


def test_a_bundles_own_entries_may_be_more_but_not_within_its_resources() -> None:
    entry = b'<entry><resource><Patient><id value="p"/></Patient></resource></entry>'
    check_repeats(etree.fromstring(b"<Bundle " + FHIR + b">" + entry * 6000 + b"</Bundle>"))
    names = b'<name><family value="x"/></name>' * 6000
    inner = b"<entry><resource><Patient>" + names + b"</Patient></resource></entry>"
    with pytest.raises(FhirValidationError) as raised:
        check_repeats(etree.fromstring(b"<Bundle " + FHIR + b">" + inner + b"</Bundle>"))
    assert raised.value.issues[0].expression == "Bundle.entry.resource.name"
    inner = b"<entry><resource><Bundle>" + entry * 6000 + b"</Bundle></resource></entry>"
    with pytest.raises(FhirValidationError) as raised:
        check_repeats(etree.fromstring(b"<Bundle " + FHIR + b">" + inner + b"</Bundle>"))
    assert raised.value.issues[0].expression == "Bundle.entry.resource.entry"


def test_a_narrative_may_hold_as_much_as_it_likes() -> None:
    rows = b"<tr><td>x</td></tr>" * 6000
    div = b'<div xmlns="http://www.w3.org/1999/xhtml"><table>' + rows + b"</table></div>"
    body = b"<Patient " + FHIR + b'><text><status value="generated"/>' + div + b"</text></Patient>"
    scan_xml(body)
    check_repeats(etree.fromstring(body))


@dataclass
class Element:
    """An element to write, with what it truly carries."""

    attributes: list[tuple[str, str]]
    declarations: list[tuple[str, str]]  # (prefix or "", namespace)
    children: list[Element | str] = field(default_factory=list)

    def xml(self, quote: str) -> str:
        other = "'" if quote == '"' else '"'
        written = [
            f"{name}={quote}{_escaped(value, quote)}{quote}" for name, value in self.attributes
        ]
        written += [
            f"xmlns{':' + prefix if prefix else ''}={other}{uri}{other}"
            for prefix, uri in self.declarations
        ]
        inner = "".join(c if isinstance(c, str) else c.xml(other) for c in self.children)
        return f"<e {' '.join(written)}>{inner}</e>"

    def walk(self) -> list[Element]:
        found = [self]
        for child in self.children:
            if isinstance(child, Element):
                found += child.walk()
        return found


def _escaped(text: str, quote: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return escaped.replace(quote, "&quot;" if quote == '"' else "&apos;")


VALUES = st.text(alphabet="ab=>'\" -!?[]<&x", max_size=12)
FAKE = (
    " ".join(f"b{i}='1'" for i in range(70))
    + " "
    + " ".join(f'xmlns:f{i}="urn:f{i}"' for i in range(20))
)
# Text, comments, CDATA and instructions: the tags within them are none.
NOISE = st.sampled_from(
    [
        "text > = ' \"",
        f"<!-- <e {FAKE}> ' \" -->",
        f"<![CDATA[ <e {FAKE}> ]] > ' ]]>",
        f"<?pi <e {FAKE}> ' ?>",
        "xmlns:t='urn:t'",
    ]
)


URIS = [f"urn:{i}" for i in range(8)]


def elements(depth: int) -> st.SearchStrategy[Element]:
    children: st.SearchStrategy[Element | str] = (
        st.one_of(NOISE, elements(depth - 1)) if depth else NOISE
    )
    return st.builds(
        Element,
        st.integers(0, 70).flatmap(
            lambda n: st.lists(VALUES, min_size=n, max_size=n).map(
                lambda values: [(f"a{i}", v) for i, v in enumerate(values)]
            )
        ),
        st.lists(
            st.tuples(st.sampled_from(["", "p", "q", "r"]), st.sampled_from(URIS)),
            max_size=3,
            unique_by=lambda d: d[0],
        ),
        st.lists(children, max_size=4),
    )


@settings(max_examples=150, deadline=None)
@given(elements(3), st.sampled_from(['"', "'"]), st.sampled_from(["", "\n  "]))
def test_the_scan_refuses_exactly_what_holds_too_much(root: Element, quote: str, gap: str) -> None:
    body = root.xml(quote).replace("><", f">{gap}<").encode()
    etree.fromstring(body)  # well-formed
    crowded = any(len(e.attributes) + len(e.declarations) > 64 for e in root.walk())
    namespaces = {d for e in root.walk() for d in e.declarations}
    too_many = crowded or len(namespaces) > MAX_XML_NAMESPACES
    try:
        scan_xml(body)
    except FhirValidationError:
        assert too_many
    else:
        assert not too_many
