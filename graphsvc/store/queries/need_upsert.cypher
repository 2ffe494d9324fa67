// A need of this client; an id already used by another client's need matches nothing.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
OPTIONAL MATCH (other:Client)-[:HAS_NEED]->(:Need {id: $need_id})
WHERE other.id <> c.id
WITH c, count(other) AS foreign
WHERE foreign = 0
MERGE (n:Need {id: $need_id})
MERGE (c)-[:HAS_NEED]->(n)
WITH c, n, coalesce(n.digest, '') <> $digest AS changed
SET n += $props, n.digest = $digest
SET c.version = c.version + CASE WHEN changed THEN 1 ELSE 0 END
RETURN c.version AS version, changed
