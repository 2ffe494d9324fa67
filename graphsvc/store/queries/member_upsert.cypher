// Put a person in a client's onion (or update her place there).
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MERGE (p:Person {id: $person_id})
WITH c, p, coalesce(p.digest, '') <> $person_digest AS person_changed
SET p += $person, p.digest = $person_digest
MERGE (p)-[r:IN_NETWORK_OF]->(c)
WITH c, r, person_changed OR coalesce(r.digest, '') <> $digest AS changed
SET r += $props, r.digest = $digest
SET c.version = c.version + CASE WHEN changed THEN 1 ELSE 0 END
RETURN c.version AS version, changed
