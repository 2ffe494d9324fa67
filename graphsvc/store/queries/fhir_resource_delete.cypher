// A delete is a new version that says so; the history stays.
MATCH (r:FhirResource {key: $key})
// The resource's write lock before its version is read.
SET r.write_lock = true
REMOVE r.write_lock
WITH r
WHERE NOT r.deleted
SET r.version_id = r.version_id + 1, r.deleted = true, r.last_updated = $now
CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
  key: $key, version_id: r.version_id, content: r.content, last_updated: $now, deleted: true
})
RETURN r.version_id AS version_id
