MATCH (v:FhirVersion {key: $key})
WHERE v.version_id = $version_id
RETURN properties(v) AS version
