// Which of these new need and rating ids something else holds already: a
// person, a client, a team or organisation, a node of the other kind (a
// rating for a need id, a need for a rating id, whosever it is), or one of
// the same kind in another client's network (their ids are global: one
// network must not take over another's, nor name a need as it names a person).
UNWIND $need_ids + $observation_ids AS wanted
OPTIONAL MATCH (p:Person {id: wanted})
OPTIONAL MATCH (c:Client {id: wanted})
OPTIONAL MATCH (g:Organization {id: wanted})
OPTIONAL MATCH (other:Client)-[:HAS_NEED]->(n:Need {id: wanted})
OPTIONAL MATCH (holder:Client)-[:HAS_OBSERVATION]->(o:Observation {id: wanted})
WITH wanted, p IS NOT NULL OR c IS NOT NULL OR g IS NOT NULL AS elsewhere,
     n IS NOT NULL AS a_need, n IS NOT NULL AND other.id <> $client_id AS their_need,
     o IS NOT NULL AS a_rating, o IS NOT NULL AND holder.id <> $client_id AS their_rating
WITH wanted,
     wanted IN $need_ids AND (elsewhere OR a_rating OR their_need) AS need_taken,
     wanted IN $observation_ids AND (elsewhere OR a_need OR their_rating) AS rating_taken
RETURN collect(DISTINCT CASE WHEN need_taken THEN wanted END) AS needs,
       collect(DISTINCT CASE WHEN rating_taken THEN wanted END) AS observations
