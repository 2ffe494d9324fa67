// One FHIR write (a resource, a transaction, one batch entry, a slice of an
// import) as ONE statement: the resources with a new version each, and the
// graph they project to. It lands only if nothing it read has changed since:
// every resource and client version the caller saw must still be current,
// else the statement writes nothing and returns committed = false.
//
// Locks come first. Neo4j runs statements concurrently at read committed, so
// the versions checked below must be read while this statement holds the
// write lock of every client and resource it writes: each client touched is
// written to, and each resource key is merged (a key not there yet becomes a
// placeholder without content; its unique constraint makes a second writer
// of the same new key wait here, then find the first one's version).
//
// A FOREACH marked "left out when empty" does nothing when its list is empty
// (or, for `$list[].field`, when that field of every item is): the writer
// sends the statement without it (catalog.Query.without_idle_parts), because
// FalkorDB pays for starting every clause on every run.
OPTIONAL MATCH (locked:Client)
WHERE locked.id IN $client_ids
WITH collect(locked) AS clients
FOREACH (c IN clients | SET c.write_lock = true REMOVE c.write_lock)
// left out when empty: $resource_keys
FOREACH (k IN $resource_keys | MERGE (r:FhirResource {key: k}) SET r.write_lock = true REMOVE r.write_lock)
WITH count(*) AS _
OPTIONAL MATCH (r:FhirResource)
WHERE r.key IN $resource_keys AND r.content IS NOT NULL
WITH collect(r.key + '@' + toString(r.version_id)) AS resources_now
OPTIONAL MATCH (c:Client)
WHERE c.id IN $client_ids
WITH resources_now, collect(c.id + '@' + toString(c.version)) AS clients_now
WITH size(resources_now) = size($seen_resources)
     AND all(seen IN $seen_resources WHERE seen IN resources_now)
     AND size(clients_now) = size($seen_clients)
     AND all(seen IN $seen_clients WHERE seen IN clients_now) AS go
// What the new projection no longer holds goes first. Each kind is a
// FOREACH over its list (nothing to do costs nothing: no scan, no barrier);
// each MERGE finds what the guard has just confirmed is there (the network
// as read, at the version read) and the DELETE removes it.
// left out when empty: $gone_members
FOREACH (g IN CASE WHEN go THEN $gone_members ELSE [] END |
  MERGE (p:Person {id: g.a})
  MERGE (c:Client {id: g.b})
  MERGE (p)-[m:IN_NETWORK_OF]->(c)
  DELETE m)
// left out when empty: $gone_serves
FOREACH (g IN CASE WHEN go THEN $gone_serves ELSE [] END |
  MERGE (t:Organization {id: g.a})
  MERGE (c:Client {id: g.b})
  MERGE (t)-[s:SERVES]->(c)
  DELETE s)
// left out when empty: $gone_supports
FOREACH (g IN CASE WHEN go THEN $gone_supports ELSE [] END |
  MERGE (p:Person {id: g.a})
  MERGE (n:Need {id: g.b})
  MERGE (p)-[s:SUPPORTS]->(n)
  DELETE s)
// left out when empty: $gone_observation_links
FOREACH (g IN CASE WHEN go THEN $gone_observation_links ELSE [] END |
  MERGE (n:Need {id: g.a})
  MERGE (o:Observation {id: g.b})
  MERGE (n)-[h:HAS_OBSERVATION]->(o)
  DELETE h)
// left out when empty: $gone_knows
FOREACH (g IN CASE WHEN go THEN $gone_knows ELSE [] END |
  MERGE (a:Person {id: g.a})
  MERGE (b:Person {id: g.b})
  MERGE (a)-[k:KNOWS {client_id: g.c}]->(b)
  DELETE k)
// left out when empty: $gone_needs
FOREACH (id IN CASE WHEN go THEN $gone_needs ELSE [] END |
  MERGE (n:Need {id: id})
  DETACH DELETE n)
// left out when empty: $gone_observations
FOREACH (id IN CASE WHEN go THEN $gone_observations ELSE [] END |
  MERGE (o:Observation {id: id})
  DETACH DELETE o)
// left out when empty: $removed_clients
FOREACH (id IN CASE WHEN go THEN $removed_clients ELSE [] END |
  MERGE (c:Client {id: id})
  DETACH DELETE c)
// Then what it holds.
// left out when empty: $teams
FOREACH (t IN CASE WHEN go THEN $teams ELSE [] END |
  MERGE (x:Organization {id: t.id})
  SET x:Team, x += t.props)
// left out when empty: $organizations
FOREACH (o IN CASE WHEN go THEN $organizations ELSE [] END |
  MERGE (x:Organization {id: o.id})
  SET x += o.props)
// left out when empty: $staff
FOREACH (s IN CASE WHEN go THEN $staff ELSE [] END |
  MERGE (p:Person {id: s.id})
  SET p += s.props
  FOREACH (org_id IN s.organization_ids |
    MERGE (o:Organization {id: org_id})
    MERGE (p)-[:MEMBER_OF]->(o)))
// left out when empty: $onions
FOREACH (item IN CASE WHEN go THEN $onions ELSE [] END |
  MERGE (c:Client {id: item.id})
  // The writer sends only networks that changed, each with the parts of it
  // that changed (what it no longer holds is deleted above): one new version.
  SET c.version = coalesce(c.version, 0) + 1
  REMOVE c.onion_digest
  SET c += item.props
  // left out when empty: $onions[].team_ids
  FOREACH (team_id IN item.team_ids |
    MERGE (t:Organization {id: team_id})
    MERGE (t)-[:SERVES]->(c))
  // left out when empty: $onions[].members
  FOREACH (m IN item.members |
    MERGE (p:Person {id: m.id})
    SET p += m.props
    MERGE (p)-[r:IN_NETWORK_OF]->(c)
    SET r += m.tie)
  // left out when empty: $onions[].needs
  FOREACH (n IN item.needs |
    MERGE (x:Need {id: n.id})
    SET x += n.props
    MERGE (c)-[:HAS_NEED]->(x))
  // left out when empty: $onions[].supports
  FOREACH (s IN item.supports |
    MERGE (p:Person {id: s.supporter_id})
    MERGE (x:Need {id: s.need_id})
    MERGE (p)-[r:SUPPORTS]->(x)
    SET r += s.props)
  // left out when empty: $onions[].knows
  FOREACH (k IN item.knows |
    MERGE (a:Person {id: k.person_a})
    MERGE (b:Person {id: k.person_b})
    MERGE (a)-[r:KNOWS {client_id: item.id}]->(b)
    SET r += k.props)
  // left out when empty: $onions[].observations
  FOREACH (ob IN item.observations |
    MERGE (x:Observation {id: ob.id})
    SET x += ob.props
    MERGE (c)-[:HAS_OBSERVATION]->(x)
    FOREACH (need_id IN ob.need_ids |
      MERGE (n:Need {id: need_id})
      MERGE (n)-[:HAS_OBSERVATION]->(x))))
// And the resources, each write a new version (a delete is one that says so).
// left out when empty: $resources
FOREACH (res IN CASE WHEN go THEN $resources ELSE [] END |
  MERGE (r:FhirResource {key: res.key})
  SET r.type = res.type,
      r.id = res.id,
      r.version_id = res.version_id,
      r.content = res.content,
      r.digest = res.digest,
      r.client_id = res.client_id,
      r.tokens = res.tokens,
      r.date_start = res.date_start,
      r.date_end = res.date_end,
      r.last_updated = $now,
      r.deleted = res.deleted
  CREATE (r)-[:HAS_VERSION]->(:FhirVersion {
    key: res.key, version_id: res.version_id, content: res.content,
    last_updated: $now, deleted: res.deleted
  }))
// A refused write leaves no placeholder behind.
// left out when empty: $resource_keys
FOREACH (k IN CASE WHEN go THEN [] ELSE $resource_keys END |
  MERGE (placeholder:FhirResource {key: k})
  FOREACH (x IN CASE WHEN placeholder.content IS NULL THEN [placeholder] ELSE [] END |
    DELETE x))
// The data version moves with every write that lands, as its last write (on
// Neo4j its lock is the last this statement takes: no deadlock cycle with the
// locks above). `since` tells a database begun anew from the one before.
FOREACH (_ IN CASE WHEN go THEN [1] ELSE [] END |
  MERGE (d:DataVersion {id: 'all'}) ON CREATE SET d.since = $now SET d.n = coalesce(d.n, 0) + 1)
RETURN go AS committed
