// A tie recorded in this client's onion; those of other onions stay.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (a:Person {id: $person_a})-[k:KNOWS {client_id: $client_id}]->(b:Person {id: $person_b})
DELETE k
SET c.version = c.version + 1
RETURN c.version AS version, true AS changed
