// What a writer needs to tell that a resource would not change, without
// reading its content: the fingerprint of its current version (content and
// compartment), by key, in one indexed read. Deleted ones come too (a write
// of one makes it again); a placeholder (a key merged but never written) is
// no resource.
UNWIND $keys AS resource_key
MATCH (r:FhirResource {key: resource_key})
WHERE r.content IS NOT NULL
RETURN r.key AS key, r.version_id AS version_id, r.digest AS digest,
       r.deleted AS deleted, r.last_updated AS last_updated, r.client_id AS client_id
