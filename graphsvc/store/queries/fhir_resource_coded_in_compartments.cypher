// Current resources of one type in several clients' compartments that carry
// any of some search tokens (a code, say), found by client.
MATCH (r:FhirResource)
WHERE r.client_id IN $client_ids
  AND NOT r.deleted
  AND any(token IN $tokens WHERE token IN r.tokens)
  AND r.key STARTS WITH $key_prefix
RETURN properties(r) AS resource
ORDER BY r.key
