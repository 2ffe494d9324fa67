// A need goes with the support for it and its ratings.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (c)-[:HAS_NEED]->(n:Need {id: $need_id})
OPTIONAL MATCH (n)-[:HAS_OBSERVATION]->(o:Observation)
WITH c, n, collect(o) AS observations
FOREACH (o IN observations | DETACH DELETE o)
DETACH DELETE n
SET c.version = c.version + 1
RETURN c.version AS version, true AS changed
