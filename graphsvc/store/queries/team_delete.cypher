// Clients the team served stay, unserved, until another team takes them on.
MATCH (t:Team {id: $id})
DETACH DELETE t
RETURN 1 AS deleted
