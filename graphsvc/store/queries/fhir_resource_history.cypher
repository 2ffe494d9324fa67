// Every version of one resource, newest first.
MATCH (v:FhirVersion {key: $key})
RETURN properties(v) AS version
ORDER BY v.version_id DESC
LIMIT $limit
