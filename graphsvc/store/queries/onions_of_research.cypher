// The onions of these clients ($client_ids, a page of those client_ids
// gives): one page of the research sweep, found by the client id's index.
// Only the properties the analysis and the research files use (no digests,
// no versions of ties), as map projections: a property a node does not hold
// comes back null where properties() would leave it out, so the two the
// decoder gives a default (hours and status of help) are given here.
// A client no team serves comes back with a null team_id (the caller
// leaves her out, as the research path always has).
// Every comprehension has its own variable names and none is nested
// (see onion_get).
MATCH (c:Client)
WHERE c.id IN $client_ids
OPTIONAL MATCH (t:Team)-[:SERVES]->(c)
RETURN c {.id, .name, .neighbourhood, .birth_date, .address, .diagnoses, version: coalesce(c.version, 0)} AS client,
       t.id AS team_id,
       [(mp:Person)-[mr:IN_NETWORK_OF]->(c) |
          {person: mp {.id, .name, .ring, .role, .contact, .organization},
           membership: mr {.ring, .role, .relationship, .contact_frequency, .closeness, .since, .helps}}] AS members,
       [(c)<-[:IN_NETWORK_OF]-(ap:Person)-[:MEMBER_OF]->(ao:Organization) |
          {person_id: ap.id, organization_id: ao.id}] AS affiliations,
       [(c)-[:HAS_NEED]->(nn:Need) | nn {.id, .code, .status, .since}] AS needs,
       [(sp:Person)-[st:SUPPORTS]->(sn:Need)<-[:HAS_NEED]-(c) |
          {supporter_id: sp.id, need_id: sn.id,
           props: {kind: st.kind, frequency: st.frequency, since: st.since,
                   hours_per_week: coalesce(st.hours_per_week, 0.0),
                   status: coalesce(st.status, 'active')}}] AS supports,
       [(c)<-[:IN_NETWORK_OF]-(ka:Person)-[kt:KNOWS {client_id: c.id}]->(kb:Person)-[:IN_NETWORK_OF]->(c) |
          {person_a: ka.id, person_b: kb.id, props: kt {.closeness}}] AS knows,
       [(c)-[:HAS_OBSERVATION]->(ob:Observation) | ob {.id, .dimension, .value, .effective}] AS observations,
       [(c)-[:HAS_NEED]->(fn:Need)-[:HAS_OBSERVATION]->(fo:Observation) |
          {need_id: fn.id, observation_id: fo.id}] AS rating_focus
