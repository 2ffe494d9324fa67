// Resources of one type matching every group of search tokens (a group
// matches when any of its tokens is among the resource's), optionally within
// a date range, a range of last changes (compared to the second: the stored
// time has milliseconds, the bounds not) and some clients' compartments
// (null: no limit), paged by id.
MATCH (r:FhirResource)
WHERE r.type = $type
  AND NOT r.deleted
  AND ($client_ids IS NULL OR r.client_id IN $client_ids)
  AND all(alternatives IN $groups WHERE any(token IN alternatives WHERE token IN r.tokens))
  AND ($date_from IS NULL OR r.date_end >= $date_from)
  AND ($date_to IS NULL OR r.date_start <= $date_to)
  AND ($updated_from IS NULL OR substring(r.last_updated, 0, 19) >= $updated_from)
  AND ($updated_to IS NULL OR substring(r.last_updated, 0, 19) <= $updated_to)
  AND ($after_id IS NULL OR r.id > $after_id)
RETURN properties(r) AS resource
ORDER BY r.id
LIMIT $limit
