// How many clients the same filters as clients_page_* find.
MATCH (t:Team)-[:SERVES]->(c:Client)
WHERE ($team_ids IS NULL OR t.id IN $team_ids)
  AND ($name IS NULL OR toLower(c.name) CONTAINS toLower($name))
  AND ($neighbourhood IS NULL OR toLower(coalesce(c.neighbourhood, '')) = toLower($neighbourhood))
RETURN count(DISTINCT c) AS total
