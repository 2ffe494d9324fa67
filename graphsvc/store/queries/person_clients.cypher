// The clients in whose networks each of these people is.
MATCH (p:Person)-[:IN_NETWORK_OF]->(c:Client)
WHERE p.id IN $person_ids
RETURN p.id AS person_id, collect(DISTINCT c.id) AS client_ids
ORDER BY person_id
