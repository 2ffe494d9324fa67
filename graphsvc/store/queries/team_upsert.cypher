// A neighbourhood team; it is also an Organization, so one id constraint covers both.
MERGE (t:Organization {id: $id})
SET t:Team, t += $props
RETURN t.id AS id
