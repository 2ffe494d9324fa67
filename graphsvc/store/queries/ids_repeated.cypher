// Ids held by more than one node of the same labels: a broken uniqueness
// guarantee (a MERGE that raced without its constraint). Resources count by
// key; their versions repeat the key by design.
MATCH (n)
WHERE NOT n:FhirVersion AND coalesce(n.key, n.id) IS NOT NULL
WITH labels(n) AS kinds, coalesce(n.key, n.id) AS id, count(*) AS copies
WHERE copies > 1
RETURN kinds, id, copies
ORDER BY id
