MATCH (c:Client {id: $client_id})
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (p:Person {id: $supporter_id})-[s:SUPPORTS]->(n:Need {id: $need_id})<-[:HAS_NEED]-(c)
DELETE s
SET c.version = c.version + 1
RETURN c.version AS version, true AS changed
