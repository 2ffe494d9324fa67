// Every current resource in the compartments of several clients.
MATCH (r:FhirResource)
WHERE r.client_id IN $client_ids AND NOT r.deleted
RETURN properties(r) AS resource
ORDER BY r.key
