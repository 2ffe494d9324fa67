// The load of informal carers across every client they support: active ties
// to active needs, given in the informal ring of that client's onion, per
// client with the teams that serve her (so the caller can count only what
// its reader may see). Each carer is found by her id first (the WITH keeps
// the planner from scanning every Need for every carer).
UNWIND $person_ids AS person_id
MATCH (p:Person {id: person_id})
WITH p
MATCH (p)-[s:SUPPORTS]->(n:Need)<-[:HAS_NEED]-(c:Client)
MATCH (p)-[r:IN_NETWORK_OF]->(c)
WHERE s.status = 'active' AND n.status = 'active' AND r.ring = 'informal'
WITH p, c, sum(s.hours_per_week) AS hours, collect(DISTINCT n.id) AS need_ids
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
WITH p, c, hours, need_ids, collect(t.id) AS team_ids
RETURN p.id AS person_id,
       p.name AS name,
       collect({client_id: c.id, team_ids: team_ids, hours: hours, need_ids: need_ids}) AS clients
