// Whole onions in one read, so each is one consistent version; a list of
// client ids, so that a page of clients costs one round trip, not one each.
// Every comprehension has its own variable names and none is nested:
// FalkorDB mixes up same-named variables across the comprehensions of one
// RETURN, and gives null for a comprehension nested in another.
//
// The client (her version) is read FIRST, in a WITH of its own: Neo4j reads
// at read committed, so a commit may land half-way through this read, and a
// RETURN that reads properties(c) last (Neo4j plans the comprehensions before
// the final projection) could give the new version with the old members. A
// plan from that would pass the guard and drop what it did not see. Read
// first, the version is never newer than the rest: a torn read is only ever
// older, and the guard refuses a plan from it.
UNWIND $client_ids AS client_id
MATCH (c:Client {id: client_id})
WITH c, properties(c) AS client
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
RETURN client,
       t.id AS team_id,
       [(mp:Person)-[mr:IN_NETWORK_OF]->(c) |
          {person: properties(mp), membership: properties(mr)}] AS members,
       [(c)<-[:IN_NETWORK_OF]-(ap:Person)-[:MEMBER_OF]->(ao:Organization) |
          {person_id: ap.id, organization_id: ao.id}] AS affiliations,
       [(c)-[:HAS_NEED]->(nn:Need) | properties(nn)] AS needs,
       [(sp:Person)-[st:SUPPORTS]->(sn:Need)<-[:HAS_NEED]-(c) |
          {supporter_id: sp.id, need_id: sn.id, props: properties(st)}] AS supports,
       [(c)<-[:IN_NETWORK_OF]-(ka:Person)-[kt:KNOWS {client_id: c.id}]->(kb:Person)-[:IN_NETWORK_OF]->(c) |
          {person_a: ka.id, person_b: kb.id, props: properties(kt)}] AS knows,
       [(c)-[:HAS_OBSERVATION]->(ob:Observation) | properties(ob)] AS observations,
       [(c)-[:HAS_NEED]->(fn:Need)-[:HAS_OBSERVATION]->(fo:Observation) |
          {need_id: fn.id, observation_id: fo.id}] AS rating_focus
