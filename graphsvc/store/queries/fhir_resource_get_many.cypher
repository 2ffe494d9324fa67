// The current versions of several resources, by key, in one read; deleted
// ones only when asked for (a writer needs their version); a placeholder
// (a key merged but never written) is no resource.
UNWIND $keys AS resource_key
MATCH (r:FhirResource {key: resource_key})
WHERE r.content IS NOT NULL AND ($include_deleted OR NOT r.deleted)
RETURN properties(r) AS resource
