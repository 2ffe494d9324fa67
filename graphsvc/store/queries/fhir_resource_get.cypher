MATCH (r:FhirResource {key: $key})
RETURN properties(r) AS resource
