// Take a person out of a client's onion, with the support she gave there.
MATCH (c:Client {id: $client_id})
// The client's write lock first, so that her version is read under it.
SET c.write_lock = true
REMOVE c.write_lock
WITH c
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (p:Person {id: $person_id})-[r:IN_NETWORK_OF]->(c)
OPTIONAL MATCH (p)-[s:SUPPORTS]->(:Need)<-[:HAS_NEED]-(c)
WITH c, r, collect(s) AS ties
FOREACH (s IN ties | DELETE s)
DELETE r
SET c.version = c.version + 1
RETURN c.version AS version, true AS changed
