// Which of these need and rating ids another client's network holds already
// (their ids are global: one network must not take over another's).
OPTIONAL MATCH (other:Client)-[:HAS_NEED]->(n:Need)
WHERE n.id IN $need_ids AND other.id <> $client_id
WITH collect(DISTINCT n.id) AS needs
OPTIONAL MATCH (holder:Client)-[:HAS_OBSERVATION]->(o:Observation)
WHERE o.id IN $observation_ids AND holder.id <> $client_id
RETURN needs, collect(DISTINCT o.id) AS observations
