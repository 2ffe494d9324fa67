// A supporter of this client's onion helps with one of her needs.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (c)-[:HAS_NEED]->(n:Need {id: $need_id})
MATCH (p:Person {id: $supporter_id})-[:IN_NETWORK_OF]->(c)
MERGE (p)-[s:SUPPORTS]->(n)
WITH c, s, coalesce(s.digest, '') <> $digest AS changed
SET s += $props, s.digest = $digest
SET c.version = c.version + CASE WHEN changed THEN 1 ELSE 0 END
RETURN c.version AS version, changed
