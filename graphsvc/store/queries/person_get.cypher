MATCH (p:Person {id: $id})
RETURN properties(p) AS person, [(p)-[:MEMBER_OF]->(o:Organization) | o.id] AS organization_ids
