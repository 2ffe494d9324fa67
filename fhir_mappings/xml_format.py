"""FHIR XML <-> the JSON the service works in, through the R4B models (which
keep every element, extension and narrative): a resource sent as XML is read
as the JSON it stands for, and an answer can be written back as XML.

FHIR XML has no DTD: one declared is refused before anything is parsed, and
the parser neither resolves entities nor reaches the network. Nor is it
anything but UTF-8 (as FHIR requires), whatever it declares: the markup
:func:`~fhir_mappings.body_limits.scan_xml` bounds before the parser runs
is then the markup the parser reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from lxml import etree
from pydantic import ValidationError as ModelError

from .body_limits import check_repeats, scan_xml
from .expressions import expression
from .issues import FhirValidationError, Issue
from .jsontypes import JsonObject

FHIR_NAMESPACE = "http://hl7.org/fhir"
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_RESOURCE_TYPE = re.compile(r"[A-Z][A-Za-z]{1,63}")
# Elements that hold a whole resource, wrapped in an element named for its type.
_RESOURCE_HOLDERS = frozenset({"resource", "contained", "outcome"})


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def json_of_xml(body: bytes) -> JsonObject:
    """The JSON a FHIR XML resource (or Bundle) stands for; raises
    :class:`FhirValidationError` saying where it is not FHIR XML or holds
    more than the bounds of :mod:`~fhir_mappings.body_limits`. Costly for a
    large body (the models read XML at several seconds a MB): call it off the
    event loop."""
    if _DECLARATION.search(body):
        raise _unreadable("the body declares a DTD or entities; FHIR XML has none")
    if body.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raise _unreadable("the body is UTF-16 or UTF-32; FHIR XML is UTF-8")
    scan_xml(body)
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise _unreadable(_not_read(error)) from None
    qname = etree.QName(root)
    if qname.namespace != FHIR_NAMESPACE:
        where = f"{{{qname.namespace}}}" if qname.namespace else "no namespace"
        raise _unreadable(f"the root element is in {where}, not in {FHIR_NAMESPACE}")
    resource_type = qname.localname
    model = _model(resource_type)
    check_repeats(root)
    try:
        read = model.model_validate_xml(body, xmlparser=_parser())
    except ModelError as error:
        raise FhirValidationError(
            [
                Issue(expression(resource_type, tuple(e["loc"])), e["msg"], "structure")
                for e in error.errors()
            ]
        ) from None
    except KeyError as error:
        raise _unreadable(f"{resource_type} has no element {error}") from None
    except (ValueError, TypeError, AttributeError) as error:
        raise _unreadable(f"the body cannot be read as a {resource_type}: {error}") from None
    found: JsonObject = json.loads(read.model_dump_json())
    repeated = _repeated_single(root, found, ())
    if repeated is not None:
        message = "is an element that occurs once, but is given more than once"
        raise FhirValidationError(
            [Issue(expression(resource_type, repeated), message, "structure")]
        )
    for element, holder, key in _primitives(root, found):
        holder[key] = _as_written(element.get("value"), holder[key])
    return found


def _not_read(error: etree.XMLSyntaxError) -> str:
    """Why the parser stopped, said plainly: a limit it keeps without
    XML_PARSE_HUGE (how deep, how long a text) in the sender's words, not
    libxml's (which name its own options)."""
    line, column = error.position
    where = f"at line {line}, column {column}"
    said = error.msg or ""
    if "depth" in said.lower():
        return f"the XML is nested too deeply {where}"
    if "XML_PARSE_HUGE" in said:
        return f"the XML holds a text or value too long to read {where}"
    return f"the body is not XML {where}: {said}"


def xml_of_json(resource: JsonObject) -> bytes:
    """A resource (or Bundle) the service answers with, as FHIR XML."""
    model = _model(str(resource.get("resourceType")))
    root = etree.fromstring(model.model_validate(resource).model_dump_xml(), parser=_parser())
    for element, holder, key in _primitives(root, resource):
        value = holder[key]  # as stored, not as the model re-wrote it
        element.set("value", value if isinstance(value, str) else json.dumps(value))
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return written


def _primitives(element: etree._Element, data: JsonObject) -> Iterator[tuple[Any, Any, Any]]:
    """Each text or number primitive of ``data`` (a JSON object) with the XML element
    that holds it, as (element, the list or object holding it, its key). The
    models write instants and decimals in forms of their own (5 as 5.0);
    walking the two together puts back the form that was sent."""
    seen: dict[str, int] = {}
    for child in element:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != FHIR_NAMESPACE:
            continue  # comments, the narrative's XHTML
        name = etree.QName(child).localname
        index = seen[name] = seen.get(name, -1) + 1
        value = data.get(name)
        holder: Any = data
        key: Any = name
        if isinstance(value, list):
            if index >= len(value):
                continue
            holder, key, value = value, index, value[index]
        if _is_primitive(value) and "value" in child.attrib:
            yield child, holder, key
        elif isinstance(value, dict):
            inner = child[0] if name in _RESOURCE_HOLDERS and len(child) else child
            yield from _primitives(inner, value)
        twin = data.get(f"_{name}")  # a primitive's id and extensions
        if isinstance(twin, list):
            twin = twin[index] if index < len(twin) else None
        if isinstance(twin, dict):
            yield from _primitives(child, twin)


def _repeated_single(
    element: etree._Element, data: JsonObject, path: tuple[str | int, ...]
) -> tuple[str | int, ...] | None:
    """Where an element of at most one occurrence is given twice, if it is:
    the models keep the last one and would lose the first unsaid."""
    seen: dict[str, int] = {}
    for child in element:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != FHIR_NAMESPACE:
            continue
        name = etree.QName(child).localname
        index = seen[name] = seen.get(name, -1) + 1
        value = data.get(name)
        if isinstance(value, list):
            value = value[index] if index < len(value) else None
            where: tuple[str | int, ...] = (*path, name, index)
        elif index:
            return (*path, name)
        else:
            where = (*path, name)
        if isinstance(value, dict):
            inner = child[0] if name in _RESOURCE_HOLDERS and len(child) else child
            found = _repeated_single(inner, value, where)
            if found is not None:
                return found
    return None


def _is_primitive(value: object) -> bool:
    """Text or a number: what the models may write in another form than sent."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _as_written(text: str | None, read: object) -> object:
    """The JSON value of an XML primitive as written: "5" stays 5, "5.0" 5.0."""
    if text is None or isinstance(read, str):
        return text if text is not None else read
    try:
        return int(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)
    except ValueError:
        return read


def _model(resource_type: str) -> Any:
    if not _RESOURCE_TYPE.fullmatch(resource_type):
        raise _unreadable(f"the root element {resource_type!r} is no resource type")
    try:
        return get_fhir_model_class(resource_type)
    except (KeyError, ValueError):
        raise FhirValidationError(
            [Issue(resource_type, f"{resource_type} is not a FHIR resource type", "not-supported")]
        ) from None


def _unreadable(message: str) -> FhirValidationError:
    return FhirValidationError([Issue("", message, "structure")])
