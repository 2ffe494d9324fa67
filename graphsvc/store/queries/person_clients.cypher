// The clients in whose networks any of these people are.
MATCH (p:Person)-[:IN_NETWORK_OF]->(c:Client)
WHERE p.id IN $person_ids
RETURN DISTINCT c.id AS client_id
ORDER BY client_id
