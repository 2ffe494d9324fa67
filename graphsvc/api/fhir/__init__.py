"""The FHIR R4 surface at /fhir (application/fhir+json)."""
