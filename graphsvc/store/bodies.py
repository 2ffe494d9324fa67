"""A FHIR resource's body as the store keeps it: its canonical JSON text,
compressed.

Most bodies are a few hundred bytes of the same keys, code systems and
extension URLs, so each is deflated (zlib) against a fixed preset dictionary
of those strings and kept as ASCII text (base64 after a marker: a property
both databases hold alike, and a parameter FalkorDB's text protocol carries).
A body that would not get shorter is kept as its text.

Reading tells the two apart by the marker: JSON text always starts with
``{``, so bodies written before compression, or kept as text, read as they
are. The dictionary of a marker never changes (a body is only readable with
the dictionary it was written with); a better one gets a new marker.
"""

from __future__ import annotations

import base64
import zlib

# Strings common in FHIR R4 JSON as the store writes it (keys sorted, no
# spaces). zlib finds matches nearer the end of the dictionary more cheaply,
# so the most frequent come last. Never edit: see the module's docstring.
_DICTIONARY_1 = (
    b'"http://hl7.org/fhir/sid/icd-10-nl""http://hl7.org/fhir/sid/icpc-1-nl"'
    b'"http://nictiz.nl/fhir/StructureDefinition/nl-core-'
    b'"http://loinc.org""http://snomed.info/sct"'
    b'"http://terminology.hl7.org/CodeSystem/observation-category"'
    b'"http://terminology.hl7.org/CodeSystem/condition-ver-status"'
    b'"http://terminology.hl7.org/CodeSystem/oms"'
    b'"https://graphsvc.example/fhir/CodeSystem/lsns6"'
    b'"https://graphsvc.example/fhir/CodeSystem/support-kind"'
    b'"https://graphsvc.example/fhir/CodeSystem/organization-kind"'
    b'"https://graphsvc.example/fhir/CodeSystem/omaha-rating"'
    b'{"addresses":[{"reference":"Condition/'
    b'"activity":[{"detail":{"code":{"coding":[{"code":"'
    b'"author":{"reference":"Practitioner/'
    b'"birthDate":"19"gender":"female""gender":"male"'
    b'"address":[{"city":"'
    b'"telecom":[{"system":"phone","value":"'
    b'"identifier":[{"system":"'
    b'"intent":"plan","resourceType":"CarePlan","status":"active"'
    b'"organization":{"reference":"Organization/'
    b'"practitioner":{"reference":"Practitioner/'
    b'"relationship":[{"coding":[{"code":"'
    b'"resourceType":"RelatedPerson"'
    b'"resourceType":"PractitionerRole"'
    b'"resourceType":"Practitioner"'
    b'"resourceType":"Organization"'
    b'"resourceType":"Patient"'
    b'"name":[{"family":"'
    b'"given":["'
    b'"text":"'
    b'"valueCode":"'
    b'"valueInteger":'
    b'"valueString":"'
    b'"extension":[{"url":"https://graphsvc.example/fhir/StructureDefinition/contact-frequency"'
    b'{"url":"https://graphsvc.example/fhir/StructureDefinition/closeness","valueInteger":'
    b'"onBehalfOf":{"reference":"Organization/'
    b'"period":{"start":"'
    b'"role":[{"coding":[{"code":"formal","display":"Formal network (ring 3)",'
    b'"role":[{"coding":[{"code":"informal","display":"Informal network (ring 1)",'
    b'"system":"https://graphsvc.example/fhir/CodeSystem/onion-ring"}]}]}'
    b'"managingOrganization":[{"reference":"Organization/'
    b'"participant":[{"extension":[{"url":"'
    b'"member":{"display":"'
    b'"reference":"Practitioner/'
    b'"reference":"RelatedPerson/'
    b'"resourceType":"CareTeam","status":"active"'
    b'"clinicalStatus":{"coding":[{"code":"active",'
    b'"system":"http://terminology.hl7.org/CodeSystem/condition-clinical"}]},'
    b'"onsetDateTime":"'
    b'"resourceType":"Condition"'
    b'"code":{"coding":[{"code":"'
    b'"display":"Knowledge (Omaha Problem Rating Scale)",'
    b'"display":"Behaviour (Omaha Problem Rating Scale)",'
    b'"display":"Status (Omaha Problem Rating Scale)",'
    b'"system":"https://graphsvc.example/fhir/CodeSystem/omaha-rating"}]},'
    b'"effectiveDateTime":"'
    b'"focus":[{"reference":"Condition/'
    b'"resourceType":"Observation","status":"final",'
    b'"subject":{"reference":"Patient/'
)

_MARKER_1 = "z1:"


def encode(text: str) -> str:
    """The stored form of canonical JSON text."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_1)
    packed = packer.compress(text.encode()) + packer.flush()
    stored = _MARKER_1 + base64.b64encode(packed).decode("ascii")
    return stored if len(stored) < len(text) else text


def decode(stored: str) -> str:
    """The canonical JSON text of a stored body, compressed or not."""
    if not stored.startswith(_MARKER_1):
        return stored
    unpacker = zlib.decompressobj(15, _DICTIONARY_1)
    packed = base64.b64decode(stored[len(_MARKER_1) :], validate=True)
    return (unpacker.decompress(packed) + unpacker.flush()).decode()
