// Every current resource in one client's compartment.
MATCH (r:FhirResource)
WHERE r.client_id = $client_id AND NOT r.deleted
RETURN properties(r) AS resource
ORDER BY r.key
