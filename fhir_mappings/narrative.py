"""The narrative (``text.div``) must be the safe XHTML subset FHIR allows
(invariants txt-1 and txt-2): no scripts, forms, frames, event attributes
or script URLs, and some content."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

XHTML = "http://www.w3.org/1999/xhtml"
_ALLOWED_ELEMENTS = frozenset((
    "a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "br", "caption",
    "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "tt", "u", "ul", "var",
))  # fmt: skip
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)
_SCRIPT_IN_STYLE = re.compile(r"javascript:|vbscript:|expression\s*\(", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "longdesc", "usemap"})


def narrative_problem(div: str) -> str | None:
    """What is wrong with a narrative div, or None when it is acceptable."""
    if _DECLARATION.search(div):
        return "the narrative must not declare a document type or entities"
    try:
        root = ET.fromstring(div)
    except ET.ParseError:
        return "the narrative is not well-formed XHTML"
    if root.tag != f"{{{XHTML}}}div":
        return 'the narrative must be a <div xmlns="http://www.w3.org/1999/xhtml">'
    has_image = False
    for element in root.iter():
        namespace, _, name = element.tag.rpartition("}")
        if namespace != "{" + XHTML or name not in _ALLOWED_ELEMENTS:
            return f"the narrative must not contain a <{name[:40]}> element"
        has_image = has_image or name == "img"
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2].lower()
            if local.startswith("on"):
                return "the narrative must not carry event attributes"
            if local in _URL_ATTRIBUTES and _SCRIPT_URL.search(value):
                return "the narrative must not link to scripts"
            if local == "style" and _SCRIPT_IN_STYLE.search(value):
                return "the narrative must not carry script in styles"
    if not has_image and not "".join(root.itertext()).strip():
        return "the narrative must have some content"
    return None
