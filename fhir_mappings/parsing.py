"""Reading one resource (or Bundle) of JSON into an R4B model, or saying
precisely what is wrong with it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any

import pydantic
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.resource import Resource

from .expressions import expression
from .invariants import invariant_issues
from .issues import FhirValidationError, Issue, IssueType
from .json_rules import coercion_issues, shape_issues
from .jsontypes import JsonObject, JsonPath
from .keys import is_id, is_resource_type_name
from .narrative import narrative_problem
from .required_codes import code_issues
from .resource_types import STORED_TYPES

ACCEPTED_TYPES = STORED_TYPES | {"Bundle"}
_ABSTRACT = frozenset({"Resource", "DomainResource"})
_CHOICE_NAMES = re.compile(r"'([A-Za-z]+)'")


def parse_resource(
    data: object, *, accepted: Collection[str] = ACCEPTED_TYPES, lossless: bool = True
) -> Resource:
    """The R4B model of one resource of JSON (a Bundle's entries included).

    Raises :class:`FhirValidationError` for anything else; never another
    exception. ``lossless``: also refuse a value the model would keep only
    by changing it (a number sent as a string, say), which needs a second
    pass; what the service writes itself from typed values needs not."""
    if not isinstance(data, dict):
        raise FhirValidationError([Issue("", "a resource must be a JSON object", "structure")])
    kind = data.get("resourceType")
    root = kind if isinstance(kind, str) and is_resource_type_name(kind) else ""
    issues = shape_issues(data, root)
    if issues:
        raise FhirValidationError(issues)
    issues = _resource_issues(data, root, accepted)
    if issues:
        raise FhirValidationError(issues)
    model_class = get_fhir_model_class(root)
    try:
        model = model_class.model_validate(data)
        dumped = model.model_dump(mode="json", by_alias=True, exclude_none=True) if lossless else {}
    except pydantic.ValidationError as error:
        raise FhirValidationError(pydantic_issues(error, root)) from None
    except Exception:  # the library's own failures must still be a 4xx
        raise FhirValidationError(
            [Issue(root, "could not be read as a FHIR R4 resource", "structure")]
        ) from None
    issues = coercion_issues(data, dumped, root) if lossless else []
    if issues:
        raise FhirValidationError(issues)
    if not isinstance(model, Resource):
        raise FhirValidationError([Issue(root, "is not a resource", "structure")])
    return model


def pydantic_issues(error: pydantic.ValidationError, root: str) -> list[Issue]:
    issues = []
    for detail in error.errors(include_url=False, include_input=False):
        path = _json_path(detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        where = expression(root, path)
        names = _CHOICE_NAMES.findall(message) if "Any of one field value" in message else []
        if names:
            where = expression(where, (_choice_name(names),))
            message = f"has more than one of {', '.join(names)}; give one"
        code, friendly = _FRIENDLY.get(detail["type"], ("value", None))
        issues.append(Issue(where, friendly or _plain(message), code))
    return issues or [Issue(root, "is not valid", "structure")]


_FRIENDLY: dict[str, tuple[IssueType, str | None]] = {
    "missing": ("required", "is required but missing"),
    "model_field_validation.missing": ("required", "is required but missing"),
    "extra_forbidden": ("structure", "is not an element of this type"),
    "string_type": ("value", "must be a JSON string"),
    "list_type": ("structure", "must be a JSON array"),
    "model_type": ("structure", "must be a JSON object"),
    "model_validation_format": ("structure", "must be a JSON object"),
    "json_invalid": ("structure", "must be a JSON object"),
    "dict_type": ("structure", "must be a JSON object"),
    "bool_type": ("value", "must be true or false"),
    "bool_parsing": ("value", "must be true or false"),
    "int_type": ("value", "must be a whole number"),
    "int_parsing": ("value", "must be a whole number"),
    "int_from_float": ("value", "must be a whole number"),
    "float_type": ("value", "must be a number"),
    "float_parsing": ("value", "must be a number"),
    "decimal_type": ("value", "must be a number"),
    "decimal_parsing": ("value", "must be a number"),
}


def _resource_issues(data: JsonObject, root: str, accepted: Collection[str]) -> list[Issue]:
    """Types, ids and narratives of the resource and of every resource inside it."""
    issues: list[Issue] = []
    for path, resource, position in _resources_in(data):
        where = expression(root, path)
        kind = resource.get("resourceType")
        if "resourceType" not in resource:
            issues.append(Issue(expression(where, ("resourceType",)), "is required", "required"))
            continue
        if not is_resource_type_name(kind):
            message = "must be the name of a resource type"
            issues.append(Issue(expression(where, ("resourceType",)), message, "structure"))
            continue
        if position == "contained" and not _is_resource_type(kind):
            issues.append(
                Issue(where, f"{_shown(kind)} is not a FHIR R4 resource type", "not-supported")
            )
        elif position != "contained" and (kind not in accepted or (path and kind == "Bundle")):
            if position == "entry" and kind == "Bundle":
                message = "a Bundle cannot hold another Bundle here"
            else:
                allowed = ", ".join(sorted(a for a in accepted if a != "Bundle" or not path))
                message = f"{_shown(kind)} is not accepted here; accepted: {allowed}"
            issues.append(Issue(expression(where, ("resourceType",)), message, "not-supported"))
            continue
        ident = resource.get("id")
        if ident is not None and not is_id(ident):
            issues.append(
                Issue(
                    expression(where, ("id",)),
                    "must be 1-64 letters, digits, '-' or '.' (not '.' or '..')",
                )
            )
        if position == "contained":
            issues.extend(_contained_issues(resource, where))
        text = resource.get("text")
        div = text.get("div") if isinstance(text, dict) else None
        if isinstance(div, str):
            problem = narrative_problem(div)
            if problem:
                issues.append(Issue(expression(where, ("text", "div")), problem, "security"))
        issues.extend(_unreferenced_contained(resource, where))
        issues.extend(code_issues(resource, where))
        issues.extend(invariant_issues(resource, where))
    return issues


def _resources_in(data: JsonObject) -> Iterator[tuple[JsonPath, JsonObject, str]]:
    """The resource, its contained resources, and a Bundle's entries with theirs."""
    found: list[tuple[JsonPath, JsonObject, str]] = [((), data, "root")]
    entries = data.get("entry") if data.get("resourceType") == "Bundle" else None
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(resource, dict):
                found.append((("entry", index, "resource"), resource, "entry"))
    for path, resource, position in found:
        yield path, resource, position
        contained = resource.get("contained")
        if isinstance(contained, list):
            for index, inner in enumerate(contained):
                if isinstance(inner, dict):
                    yield (*path, "contained", index), inner, "contained"


def _contained_issues(resource: JsonObject, where: str) -> list[Issue]:
    issues = []
    if "id" not in resource:
        issues.append(Issue(where, "a contained resource needs an id", "invariant"))
    if "contained" in resource:
        issues.append(Issue(where, "a contained resource cannot contain others", "invariant"))
    meta = resource.get("meta")
    if isinstance(meta, dict) and ("versionId" in meta or "lastUpdated" in meta):
        issues.append(
            Issue(where, "a contained resource has no versionId or lastUpdated", "invariant")
        )
    return issues


def _unreferenced_contained(resource: JsonObject, where: str) -> list[Issue]:
    """dom-3: each contained resource is referred to, or refers to its container."""
    contained = resource.get("contained")
    if not isinstance(contained, list):
        return []
    referenced = set(_local_references(resource))
    issues = []
    for index, inner in enumerate(contained):
        if not isinstance(inner, dict) or not isinstance(inner.get("id"), str):
            continue
        if f"#{inner['id']}" not in referenced and "#" not in _local_references(inner):
            issues.append(
                Issue(
                    expression(where, ("contained", index)),
                    "a contained resource must be referred to from its container",
                    "invariant",
                )
            )
    return issues


def _local_references(value: Any) -> Iterator[str]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            reference = item.get("reference")
            if isinstance(reference, str) and reference.startswith("#"):
                yield reference
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


@lru_cache(maxsize=512)
def _is_resource_type(name: str) -> bool:
    if name in _ABSTRACT or not is_resource_type_name(name):
        return False
    try:
        model_class = get_fhir_model_class(name)
    except ValueError:
        return False
    return issubclass(model_class, Resource)


def _json_path(loc: tuple[int | str, ...]) -> JsonPath:
    path: list[str | int] = []
    for step in loc:
        if isinstance(step, int):
            path.append(step)
        elif step == "resource_type":
            path.append("resourceType")
        elif step == "root":
            continue  # the library's own wrapper, no element of FHIR
        elif re.fullmatch(r"_?[A-Za-z][A-Za-z0-9]*", step):
            path.append(step)
    return tuple(path)


def _choice_name(names: list[str]) -> str:
    cut = len(names[0])
    for name in names[1:]:
        cut = min(cut, len(name))
        for position in range(cut):
            if name[position] != names[0][position]:
                cut = position
                break
    while cut > 0 and not all(len(n) > cut and n[cut].isupper() for n in names):
        cut -= 1
    return f"{names[0][:cut]}[x]"


def _plain(message: str) -> str:
    cleaned = re.sub(r"\s+", " ", message).strip()
    return cleaned if len(cleaned) <= 300 else cleaned[:297] + "..."


def _shown(value: str) -> str:
    return repr(value[:40] + ("..." if len(value) > 40 else ""))
