"""What the store keeps beside each resource so that searches can find it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .dates import effective_range
from .parameters import (
    ID_PARAMETER,
    SEARCH_PARAMETERS,
    Include,
    parameter,
    reference_keys,
    values_at,
)
from .text import name_words, token_escape

_ID_ONLY = (ID_PARAMETER,)
_HUMAN_NAME_PARTS = ("family", "given", "prefix", "suffix", "text")


@dataclass(frozen=True, slots=True)
class IndexTerms:
    """The search terms of one stored resource.

    ``tokens``: sorted, each once, ``<param>|<value>`` (see :func:`index_terms`).
    ``date_start``/``date_end``: the earliest and latest instant of its date, as
    ``YYYY-MM-DDTHH:MM:SSZ``, or None. ``client_id``: the id of the Patient whose
    compartment holds it, or None.
    """

    tokens: tuple[str, ...]
    date_start: str | None
    date_end: str | None
    client_id: str | None


def index_terms(resource: Mapping[str, Any], *, base_urls: Sequence[str] = ()) -> IndexTerms:
    """The search terms of a stored resource.

    Tokens, for each search parameter of its type:

    - reference: ``patient|Patient/p1`` for each local reference of a target type
      (``#`` and other servers' references give none; an absolute reference to
      one of ``base_urls`` counts as local);
    - token: a plain code (status, id) ``status|active``; a Coding or Identifier
      ``code|S|C``, ``code|C`` and ``code|S|``, or without a system ``code||C``
      and ``code|C`` (``\\`` and ``|`` in S and C escaped with ``\\``);
    - string (name): every prefix of every folded word (see ``text.name_words``),
      ``name|j`` ... ``name|jose``. Words only, never whole strings: a search
      for several words asks for each word, so ``de bo`` finds ``de Boer``.

    An Observation's date is its ``effective[x]``; other types have none.
    """
    kind = resource.get("resourceType")
    parameters = SEARCH_PARAMETERS.get(kind, _ID_ONLY) if isinstance(kind, str) else _ID_ONLY
    tokens: set[str] = set()
    for param in parameters:
        if param.type == "reference":
            keys = reference_keys(resource, param, base_urls)
            tokens.update(f"{param.name}|{key}" for key in keys)
        elif param.type == "token":
            for path in param.paths:
                for value in values_at(resource, path):
                    tokens.update(_token_terms(param.name, value))
        elif param.type == "string":
            for path in param.paths:
                for text in _strings(values_at(resource, path)):
                    tokens.update(_prefix_terms(param.name, text))
    start, end = effective_range(resource) if kind == "Observation" else (None, None)
    return IndexTerms(
        tuple(sorted(tokens)), start, end, compartment_client(resource, base_urls=base_urls)
    )


def include_targets(
    resource: Mapping[str, Any], include: Include, *, base_urls: Sequence[str] = ()
) -> list[str]:
    """The local ``Type/id`` keys ``include`` reaches from ``resource``, each once.

    Empty when the resource is not of the include's source type; contained and
    other servers' references are skipped; a target type keeps only its own.
    """
    if resource.get("resourceType") != include.source_type:
        return []
    param = parameter(include.source_type, include.param)
    if param is None or param.type != "reference":
        return []
    keys = reference_keys(resource, param, base_urls)
    if include.target_type is not None:
        keys = [key for key in keys if key.partition("/")[0] == include.target_type]
    return keys


def compartment_client(resource: Mapping[str, Any], *, base_urls: Sequence[str] = ()) -> str | None:
    """The id of the client whose compartment holds ``resource``: a Patient's
    own, else the Patient its ``patient`` search parameter names; None for
    the directory (Practitioner, Organization, ...)."""
    kind, ident = resource.get("resourceType"), resource.get("id")
    if kind == "Patient":
        return ident if isinstance(ident, str) else None
    patient = parameter(kind, "patient") if isinstance(kind, str) else None
    if patient is None:
        return None
    for key in reference_keys(resource, patient, base_urls):
        return key.partition("/")[2]
    return None


def _token_terms(name: str, value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield f"{name}|{token_escape(value)}"
        return
    if not isinstance(value, dict):
        return
    if isinstance(value.get("coding"), list):  # CodeableConcept
        for coding in value["coding"]:
            yield from _token_terms(name, coding)
        return
    system = value.get("system")
    code = value.get("value") if "value" in value else value.get("code")  # Identifier, Coding
    system = token_escape(system) if isinstance(system, str) else None
    code = token_escape(code) if isinstance(code, str) else None
    if system is not None:
        yield f"{name}|{system}|"
        if code is not None:
            yield f"{name}|{system}|{code}"
    elif code is not None:
        yield f"{name}||{code}"
    if code is not None:
        yield f"{name}|{code}"


def _strings(values: list[Any]) -> Iterator[str]:
    """The texts of plain strings and of HumanNames' parts."""
    for value in values:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for part in _HUMAN_NAME_PARTS:
                yield from (v for v in values_at(value, part) if isinstance(v, str))


def _prefix_terms(name: str, text: str) -> Iterator[str]:
    for word in name_words(text):
        for end in range(1, len(word) + 1):
            yield f"{name}|{word[:end]}"
