"""Bounds on what one request body may hold, checked before anything costly
reads it.

Nothing real repeats one element thousands of times in one resource, puts
more than a handful of attributes on one XML element, or declares more than
a few XML namespaces; the readers downstream grow faster than linearly in
exactly these (libxml2 checks attributes and namespace declarations
pairwise, the R4B models' reading of XML compares every namespace in scope
at every element and walks a long run of siblings slowly, and every later
write and export of a resource carries all its repetitions).

:func:`scan_xml` reads an XML body's markup before the parser does, at the
speed of one regular expression and linear in the body: each byte is read
a few times at most (a tag that is not plain twice), never once for every
other byte. Comments, CDATA sections and processing instructions are read
whole (markup within them is none), attribute values as quoted (a ``>`` or
``=`` within one is neither the tag's end nor an attribute). Only a start
tag that declares a namespace or carries many attributes is looked at
further. :func:`check_repeats` counts repeated elements on the parsed tree,
before the models read it.
"""

from __future__ import annotations

import re

from lxml import etree

from .issues import FhirValidationError, Issue

MAX_REPEATS = 5_000  # items in one JSON array (repeats of one XML element); Bundle.entry excepted
MAX_XML_ATTRIBUTES = 64  # attributes and namespace declarations of one element; FHIR has 1-3
MAX_XML_NAMESPACES = 16  # distinct namespace declarations (prefix and name) in one body

XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# Elements that hold a whole resource, wrapped in an element named for its type.
_RESOURCE_HOLDERS = frozenset({"resource", "contained", "outcome"})

# A quoted attribute value. One left open stops at "<", which no value may
# hold: what follows is then read afresh, and the parser refuses the body.
_QUOTED = rb""""[^"<]*+"?|'[^'<]*+'?"""
# Text and markup a scan passes over. A start tag is passed over when it
# has at most MAX_XML_ATTRIBUTES "=" outside its quoted values and no
# "xmlns" outside them either; any other is a _TAG, for Python to look at.
_PLAIN_RUN = rb"(?:[^<>\"'=x]++|x(?!mlns)|" + _QUOTED + rb")*+"
_PASSED_OVER = (
    rb"[^<]++"  # text
    rb"|</[^<>]*+>?"  # an end tag
    rb"|<(?![!?/])"
    + _PLAIN_RUN
    + rb"(?:="
    + _PLAIN_RUN
    + rb"){0,%d}" % MAX_XML_ATTRIBUTES
    + rb"(?:>|(?=<)|\Z)"  # a plain start tag
    rb"|<!--(?:[^-]++|-(?!->))*+(?:-->)?"  # a comment (to the end, if never closed)
    rb"|<!\[CDATA\[(?:[^\]]++|\](?!\]>))*+(?:\]\]>)?"  # a CDATA section
    rb"|<\?(?:[^?]++|\?(?!>))*+(?:\?>)?"  # a processing instruction
    rb"|<![^<>]*+>?"  # a DTD (refused before), or no XML at all
)
_TAG = rb"<(?:[^<>\"']++|" + _QUOTED + rb")*+>?"
# Possessive throughout, and every byte starts one of the alternatives: a
# match starts where the last ended, and nothing is tried again from a later
# byte (which could make the scan quadratic).
_SCAN = re.compile(rb"(?:" + _PASSED_OVER + rb")*+(?P<tag>" + _TAG + rb")?")
_VALUE = re.compile(rb""""([^"<]*+)"?|'([^'<]*+)'?""")  # _QUOTED, the value kept


def scan_xml(body: bytes) -> None:
    """Raise :class:`FhirValidationError` where an element of ``body`` carries
    more than MAX_XML_ATTRIBUTES attributes and namespace declarations, or
    the body declares more than MAX_XML_NAMESPACES distinct namespaces.
    ``body`` is read as UTF-8, as the parser reads it."""
    namespaces: set[tuple[bytes, bytes]] = set()
    looked_at: set[bytes] = set()  # tags seen before: a narrative's <div xmlns=...>
    at = 0
    while at < len(body):
        found = _SCAN.match(body, at)
        if found is None or found.end() == at:  # cannot be: every byte starts a token
            at += 1
            continue
        at = found.end()
        tag = found.group("tag")
        if tag is None or tag in looked_at:
            continue
        where = found.start("tag")
        outside, values = _VALUE.subn(b"", tag)
        if max(outside.count(b"="), values) > MAX_XML_ATTRIBUTES:
            raise _refused(
                f"the element <{_name(tag)}> {_at(body, where)} carries more than "
                f"{MAX_XML_ATTRIBUTES} attributes and namespace declarations; "
                "a FHIR element carries a few"
            )
        namespaces.update(_declared(tag))
        if len(namespaces) > MAX_XML_NAMESPACES:
            raise _refused(
                f"the body declares more than {MAX_XML_NAMESPACES} XML namespaces "
                f"(one more {_at(body, where)}); FHIR XML uses two or three"
            )
        looked_at.add(tag)


def _declared(tag: bytes) -> list[tuple[bytes, bytes]]:
    """The namespace declarations of a start tag: (xmlns or xmlns:prefix,
    the namespace). The tag splits into text outside quotes and the quoted
    values; a value's attribute is the last word before its "="."""
    parts = _VALUE.split(tag)  # outside, "value" or None, 'value' or None, outside...
    found = []
    for index in range(0, len(parts) - 1, 3):
        before = parts[index].rstrip()
        if not before.endswith(b"="):
            continue
        words = before[:-1].split()
        name = words[-1] if words else b""
        if name == b"xmlns" or name.startswith(b"xmlns:"):
            value = parts[index + 1] if parts[index + 1] is not None else parts[index + 2]
            found.append((name, value or b""))
    return found


def _name(tag: bytes) -> str:
    name = re.match(rb"<([^\s/>\"'=<]{0,64})", tag)
    return name.group(1).decode("utf-8", "replace") if name else ""


def _at(body: bytes, at: int) -> str:
    line = body.count(b"\n", 0, at) + 1
    column = at - body.rfind(b"\n", 0, at)
    return f"at line {line}, column {column}"


_CROWDED = etree.XPath(f"descendant-or-self::*[count(*) > {MAX_REPEATS}]")


def check_repeats(root: etree._Element) -> None:
    """Raise :class:`FhirValidationError` where one element of a parsed FHIR
    XML body holds more than MAX_REPEATS children of one name: a JSON
    array that long. The entries of a Bundle (its own, not those of a
    Bundle within) may be more; the narrative's XHTML is text to FHIR."""
    crowded = _CROWDED(root)
    for parent in crowded if isinstance(crowded, list) else ():
        if not isinstance(parent, etree._Element):
            continue
        if etree.QName(parent).namespace == XHTML_NAMESPACE:
            continue
        bundle = parent is root and etree.QName(parent).localname == "Bundle"
        counts: dict[str, int] = {}
        for child in parent:
            if not isinstance(child.tag, str):
                continue  # an entity left unresolved
            name = etree.QName(child).localname
            seen = counts[name] = counts.get(name, 0) + 1
            if seen > MAX_REPEATS and not (bundle and name == "entry"):
                where = _path(child)
                raise _refused(
                    f"{where} repeats more than {MAX_REPEATS} times (once more at line "
                    f"{child.sourceline}); an element repeats at most {MAX_REPEATS} "
                    "times in one resource",
                    where,
                )


def _path(element: etree._Element) -> str:
    """``Bundle.entry.resource.extension``: the element names from the root,
    a resource's own element left out below ``resource`` or ``contained``,
    as JSON leaves it out."""
    chain = [element, *element.iterancestors()]
    chain.reverse()
    names = []
    for index, step in enumerate(chain):
        name = etree.QName(step).localname
        holder = etree.QName(chain[index - 1]).localname if index else ""
        if holder in _RESOURCE_HOLDERS and name[:1].isupper():
            continue
        names.append(name)
    return ".".join(names)[:200]


def _refused(message: str, where: str = "") -> FhirValidationError:
    return FhirValidationError([Issue(where, message, "structure")])
