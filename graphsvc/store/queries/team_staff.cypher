// The professionals of a team or organisation.
MATCH (p:Person)-[:MEMBER_OF]->(o:Organization {id: $id})
RETURN properties(p) AS person
ORDER BY p.name, p.id
