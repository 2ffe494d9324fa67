// A professional and exactly the organisations she works for (MEMBER_OF).
MERGE (p:Person {id: $id})
SET p += $props
WITH p
OPTIONAL MATCH (p)-[old:MEMBER_OF]->(o:Organization)
WHERE NOT o.id IN $organization_ids
DELETE old
WITH DISTINCT p
OPTIONAL MATCH (o:Organization)
WHERE o.id IN $organization_ids
WITH p, collect(o) AS organizations
FOREACH (o IN organizations | MERGE (p)-[:MEMBER_OF]->(o))
RETURN size(organizations) AS linked
