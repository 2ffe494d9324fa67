// Store a FHIR resource as received (create or update). A new version is made
// only when the content differs, so re-sending the same resource changes
// nothing; expected_version (If-Match) guards against lost updates.
MERGE (r:FhirResource {key: $key})
ON CREATE SET r.type = $type, r.id = $id, r.version_id = 0, r.deleted = true
// The resource's write lock before its version is read.
SET r.write_lock = true
REMOVE r.write_lock
WITH r, coalesce(r.digest, '') <> $digest OR r.deleted AS changed
WHERE $expected_version IS NULL OR r.version_id = $expected_version
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r.version_id = r.version_id + 1,
      r.content = $content,
      r.digest = $digest,
      r.client_id = $client_id,
      r.tokens = $tokens,
      r.last_updated = $now,
      r.deleted = false
  CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
    key: $key, version_id: r.version_id, content: $content, last_updated: $now, deleted: false
  }))
RETURN r.version_id AS version_id, changed, r.last_updated AS last_updated
