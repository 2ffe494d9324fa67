MATCH (t:Team {id: $team_id})-[:SERVES]->(c:Client)
RETURN c.id AS id
ORDER BY id
