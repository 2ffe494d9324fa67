MERGE (o:Organization {id: $id})
SET o += $props
RETURN o.id AS id
