// One page of clients, descending, by keyset: the page after the
// (key, id) of the last client seen, never an offset. team_ids null = all teams.
MATCH (t:Team)-[:SERVES]->(c:Client)
WHERE ($team_ids IS NULL OR t.id IN $team_ids)
  AND ($name IS NULL OR toLower(c.name) CONTAINS toLower($name))
  AND ($neighbourhood IS NULL OR toLower(coalesce(c.neighbourhood, '')) = toLower($neighbourhood))
WITH DISTINCT c,
     CASE $sort
       WHEN 'name' THEN toLower(c.name)
       WHEN 'neighbourhood' THEN toLower(coalesce(c.neighbourhood, ''))
       ELSE c.id
     END AS key
WHERE $after_key IS NULL OR key < $after_key OR (key = $after_key AND c.id < $after_id)
RETURN c.id AS id, key
ORDER BY key DESC, id DESC
LIMIT $limit
