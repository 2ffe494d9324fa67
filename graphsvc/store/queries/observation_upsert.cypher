// A Knowledge/Behavior/Status rating of this client, about one of her needs
// when need_id is given (a need of another client matches nothing).
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
OPTIONAL MATCH (c)-[:HAS_NEED]->(n:Need {id: $need_id})
WITH c, n
WHERE $need_id IS NULL OR n IS NOT NULL
MERGE (o:Observation {id: $observation_id})
MERGE (c)-[:HAS_OBSERVATION]->(o)
WITH c, n, o, coalesce(o.digest, '') <> $digest AS changed
SET o += $props, o.digest = $digest
FOREACH (x IN CASE WHEN n IS NULL THEN [] ELSE [n] END | MERGE (x)-[:HAS_OBSERVATION]->(o))
SET c.version = c.version + CASE WHEN changed THEN 1 ELSE 0 END
RETURN c.version AS version, changed
