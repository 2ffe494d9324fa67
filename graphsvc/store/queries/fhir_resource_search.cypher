// Resources of one type whose search tokens include all those asked for,
// limited to some clients' compartments (null: no limit), paged by id.
MATCH (r:FhirResource)
WHERE r.type = $type
  AND NOT r.deleted
  AND ($client_ids IS NULL OR r.client_id IN $client_ids)
  AND all(token IN $tokens WHERE token IN r.tokens)
  AND ($after_id IS NULL OR r.id > $after_id)
RETURN properties(r) AS resource
ORDER BY r.id
LIMIT $limit
