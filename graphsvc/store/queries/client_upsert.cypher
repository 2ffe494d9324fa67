// A client and the one team that serves her. The network version moves only
// when something changed, so re-sending the same client is a no-op.
MATCH (t:Team {id: $team_id})
MERGE (c:Client {id: $id})
ON CREATE SET c.version = 0
// The client's write lock before anything of hers is read.
SET c.write_lock = true
REMOVE c.write_lock
WITH t, c, coalesce(c.digest, '') <> $digest AS changed
SET c += $props, c.digest = $digest
WITH t, c, changed
OPTIONAL MATCH (old:Team)-[s:SERVES]->(c)
WHERE old.id <> t.id
DELETE s
WITH DISTINCT t, c, changed, count(s) > 0 AS moved
MERGE (t)-[:SERVES]->(c)
SET c.version = c.version + CASE WHEN changed OR moved THEN 1 ELSE 0 END
RETURN c.version AS version, changed OR moved AS changed
