// Every version, written at or before $until, of the resources now in some
// clients' compartments or named by key, oldest first: what a network as it
// was at some moment is rebuilt from. A delete is a version that says so.
MATCH (r:FhirResource)-[:HAS_VERSION]->(v:FhirVersion)
WHERE (r.client_id IN $client_ids OR r.key IN $keys)
  AND r.content IS NOT NULL
  AND v.last_updated <= $until
RETURN r.type AS type, r.id AS id, r.client_id AS client_id, properties(v) AS version
ORDER BY v.key, v.version_id
