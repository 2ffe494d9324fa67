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
OPTIONAL MATCH (locked:Client)
WHERE locked.id IN $client_ids
WITH collect(locked) AS clients
FOREACH (c IN clients | SET c.write_lock = true REMOVE c.write_lock)
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
// What the new projection no longer holds goes first.
OPTIONAL MATCH (p:Person)-[m:IN_NETWORK_OF]->(c:Client)
WHERE go AND c.id IN $client_ids AND (p.id + '|' + c.id) IN $gone_members
DELETE m
WITH go, count(*) AS _
OPTIONAL MATCH (t:Organization)-[s:SERVES]->(c:Client)
WHERE go AND c.id IN $client_ids AND (t.id + '|' + c.id) IN $gone_serves
DELETE s
WITH go, count(*) AS _
OPTIONAL MATCH (p:Person)-[s:SUPPORTS]->(n:Need)
WHERE go AND n.id IN $touched_needs AND (p.id + '|' + n.id) IN $gone_supports
DELETE s
WITH go, count(*) AS _
OPTIONAL MATCH (n:Need)-[h:HAS_OBSERVATION]->(o:Observation)
WHERE go AND o.id IN $touched_observations AND (n.id + '|' + o.id) IN $gone_observation_links
DELETE h
WITH go, count(*) AS _
OPTIONAL MATCH (a:Person)-[k:KNOWS]->(b:Person)
WHERE go AND a.id IN $knows_people AND (k.client_id + '|' + a.id + '|' + b.id) IN $gone_knows
DELETE k
WITH go, count(*) AS _
OPTIONAL MATCH (n:Need)
WHERE go AND n.id IN $gone_needs
DETACH DELETE n
WITH go, count(*) AS _
OPTIONAL MATCH (o:Observation)
WHERE go AND o.id IN $gone_observations
DETACH DELETE o
WITH go, count(*) AS _
OPTIONAL MATCH (c:Client)
WHERE go AND c.id IN $removed_clients
DETACH DELETE c
WITH go, count(*) AS _
// Then what it holds.
FOREACH (t IN CASE WHEN go THEN $teams ELSE [] END |
  MERGE (x:Organization {id: t.id})
  SET x:Team, x += t.props)
FOREACH (o IN CASE WHEN go THEN $organizations ELSE [] END |
  MERGE (x:Organization {id: o.id})
  SET x += o.props)
FOREACH (s IN CASE WHEN go THEN $staff ELSE [] END |
  MERGE (p:Person {id: s.id})
  SET p += s.props
  FOREACH (org_id IN s.organization_ids |
    MERGE (o:Organization {id: org_id})
    MERGE (p)-[:MEMBER_OF]->(o)))
FOREACH (item IN CASE WHEN go THEN $onions ELSE [] END |
  MERGE (c:Client {id: item.id})
  // The writer sends only networks that changed, each with the parts of it
  // that changed (what it no longer holds is deleted above): one new version.
  SET c.version = coalesce(c.version, 0) + 1
  REMOVE c.onion_digest
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
// And the resources, each write a new version (a delete is one that says so).
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
WITH go, count(*) AS _
OPTIONAL MATCH (placeholder:FhirResource)
WHERE NOT go AND placeholder.key IN $resource_keys AND placeholder.content IS NULL
WITH go, collect(placeholder) AS placeholders
FOREACH (x IN placeholders | DELETE x)
// The data version moves with every write that lands, as its last write (on
// Neo4j its lock is the last this statement takes: no deadlock cycle with the
// locks above). `since` tells a database begun anew from the one before.
FOREACH (_ IN CASE WHEN go THEN [1] ELSE [] END |
  MERGE (d:DataVersion {id: 'all'}) ON CREATE SET d.since = $now SET d.n = coalesce(d.n, 0) + 1)
RETURN go AS committed
