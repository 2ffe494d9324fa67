// What access checks and conflict reports need: the version and the serving teams.
MATCH (c:Client {id: $id})
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
RETURN c.version AS version, collect(t.id) AS team_ids
