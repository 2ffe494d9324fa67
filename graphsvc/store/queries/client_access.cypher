// What access checks and conflict reports need, for a list of clients:
// the version and the serving teams.
UNWIND $ids AS client_id
MATCH (c:Client {id: client_id})
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
RETURN c.id AS id, c.version AS version, collect(t.id) AS team_ids
