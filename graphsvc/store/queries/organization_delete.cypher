MATCH (o:Organization {id: $id})
DETACH DELETE o
RETURN 1 AS deleted
