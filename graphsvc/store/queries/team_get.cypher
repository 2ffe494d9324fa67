MATCH (t:Team {id: $id})
RETURN properties(t) AS team
