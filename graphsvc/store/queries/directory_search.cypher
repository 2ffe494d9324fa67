// Professionals and organisations taking part as one (never a client's
// relative or neighbour) whose name or role holds one of the terms, or who
// work for an organisation whose name does or whose kind is one of the kinds;
// with $roles, only those whose own role holds one of them and none of
// $role_excludes. Terms are lower
// case; a name with accents is compared by its folded copy (without
// accents), where it has one; at most $limit, by name.
MATCH (p:Person)
WHERE p.ring <> 'informal'
OPTIONAL MATCH (p)-[:MEMBER_OF]->(o:Organization)
WITH p, collect(o) AS orgs
WHERE (
    any(t IN $terms WHERE coalesce(p.folded_name, toLower(p.name)) CONTAINS t OR toLower(coalesce(p.role, '')) CONTAINS t)
    OR any(o IN orgs WHERE o.kind IN $kinds OR any(t IN $terms WHERE coalesce(o.folded_name, toLower(o.name)) CONTAINS t))
  )
  AND ($roles IS NULL OR any(r IN $roles WHERE toLower(coalesce(p.role, '')) CONTAINS r))
  AND NOT any(x IN $role_excludes WHERE toLower(coalesce(p.role, '')) CONTAINS x)
RETURN properties(p) AS person, [o IN orgs | properties(o)] AS organizations
ORDER BY toLower(p.name), p.id
LIMIT $limit
