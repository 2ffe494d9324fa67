// The current versions of several resources, by key, in one read.
UNWIND $keys AS resource_key
MATCH (r:FhirResource {key: resource_key})
WHERE NOT r.deleted
RETURN properties(r) AS resource
