MATCH (c:Client {id: $client_id})
WHERE $expected_version IS NULL OR c.version = $expected_version
MATCH (c)-[:HAS_OBSERVATION]->(o:Observation {id: $observation_id})
DETACH DELETE o
SET c.version = c.version + 1
RETURN c.version AS version, true AS changed
