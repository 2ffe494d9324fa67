// The load of informal carers across every client they support: active ties
// to active needs, given in the informal ring of that client's onion.
// Each carer is found by her id first (the WITH keeps the planner from
// scanning every Need for every carer).
UNWIND $person_ids AS person_id
MATCH (p:Person {id: person_id})
WITH p
MATCH (p)-[s:SUPPORTS]->(n:Need)<-[:HAS_NEED]-(c:Client)
MATCH (p)-[r:IN_NETWORK_OF]->(c)
WHERE s.status = 'active' AND n.status = 'active' AND r.ring = 'informal'
RETURN p.id AS person_id,
       p.name AS name,
       sum(s.hours_per_week) AS hours,
       collect(DISTINCT n.id) AS need_ids,
       collect(DISTINCT c.id) AS client_ids
