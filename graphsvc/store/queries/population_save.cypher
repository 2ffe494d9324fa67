// Bulk load of one slice of a population (seed files, generated populations)
// as one statement, so a slice lands whole or not at all. Each client's
// version moves only when her onion differs from the one loaded before.
FOREACH (t IN $teams |
  MERGE (x:Organization {id: t.id})
  SET x:Team, x += t.props)
FOREACH (o IN $organizations |
  MERGE (x:Organization {id: o.id})
  SET x += o.props)
FOREACH (s IN $staff |
  MERGE (p:Person {id: s.id})
  SET p += s.props
  FOREACH (org_id IN s.organization_ids |
    MERGE (o:Organization {id: org_id})
    MERGE (p)-[:MEMBER_OF]->(o)))
FOREACH (item IN $onions |
  MERGE (c:Client {id: item.id})
  SET c.write_lock = true
  REMOVE c.write_lock
  SET c.version = coalesce(c.version, 0)
                  + CASE WHEN coalesce(c.onion_digest, '') = item.digest THEN 0 ELSE 1 END,
      c.onion_digest = item.digest
  SET c += item.props
  FOREACH (team_id IN item.team_ids |
    MERGE (t:Organization {id: team_id})
    MERGE (t)-[:SERVES]->(c))
  FOREACH (m IN item.members |
    MERGE (p:Person {id: m.id})
    SET p += m.props
    MERGE (p)-[r:IN_NETWORK_OF]->(c)
    SET r += m.tie)
  FOREACH (n IN item.needs |
    MERGE (x:Need {id: n.id})
    SET x += n.props
    MERGE (c)-[:HAS_NEED]->(x))
  FOREACH (s IN item.supports |
    MERGE (p:Person {id: s.supporter_id})
    MERGE (x:Need {id: s.need_id})
    MERGE (p)-[r:SUPPORTS]->(x)
    SET r += s.props)
  FOREACH (k IN item.knows |
    MERGE (a:Person {id: k.person_a})
    MERGE (b:Person {id: k.person_b})
    MERGE (a)-[r:KNOWS {client_id: item.id}]->(b)
    SET r += k.props)
  FOREACH (ob IN item.observations |
    MERGE (x:Observation {id: ob.id})
    SET x += ob.props
    MERGE (c)-[:HAS_OBSERVATION]->(x)
    FOREACH (need_id IN ob.need_ids |
      MERGE (n:Need {id: need_id})
      MERGE (n)-[:HAS_OBSERVATION]->(x))))
RETURN size($onions) AS clients
