// A client goes with her needs, ratings and the KNOWS ties recorded in her
// onion; the people of her onion stay.
MATCH (c:Client {id: $id})
OPTIONAL MATCH ()-[k:KNOWS {client_id: $id}]->()
WITH c, collect(k) AS ties
FOREACH (k IN ties | DELETE k)
WITH c
OPTIONAL MATCH (c)-[:HAS_NEED]->(n:Need)
OPTIONAL MATCH (c)-[:HAS_OBSERVATION]->(o:Observation)
WITH c, collect(DISTINCT n) AS needs, collect(DISTINCT o) AS observations
FOREACH (n IN needs | DETACH DELETE n)
FOREACH (o IN observations | DETACH DELETE o)
DETACH DELETE c
RETURN 1 AS deleted
