// Two people of this client's onion know each other, as recorded in her onion
// (the tie is hers: another onion holding both people has ties of its own);
// the pair comes in id order.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (a:Person {id: $person_a})-[:IN_NETWORK_OF]->(c)
MATCH (b:Person {id: $person_b})-[:IN_NETWORK_OF]->(c)
MERGE (a)-[k:KNOWS {client_id: $client_id}]->(b)
WITH c, k, coalesce(k.digest, '') <> $digest AS changed
SET k += $props, k.digest = $digest
SET c.version = c.version + CASE WHEN changed THEN 1 ELSE 0 END
RETURN c.version AS version, changed
