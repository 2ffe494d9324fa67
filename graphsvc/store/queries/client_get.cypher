MATCH (c:Client {id: $id})
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
RETURN properties(c) AS client, t.id AS team_id
