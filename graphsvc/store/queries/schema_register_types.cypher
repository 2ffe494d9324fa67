// FalkorDB only (see dialect.py): FalkorDB resolves labels and relationship
// types when it plans a query and caches the plan, and a comprehension planned
// before its relationship type existed reads that relationship's properties
// as null from then on. Creating one of each, and deleting it in the same
// statement, registers every label and type before any query is planned.
CREATE (c:Client)<-[:IN_NETWORK_OF]-(p:Person)-[:SUPPORTS]->(n:Need)<-[:HAS_NEED]-(c),
       (p)-[:KNOWS]->(q:Person),
       (p)-[:MEMBER_OF]->(o:Organization:Team)-[:SERVES]->(c),
       (c)-[:HAS_OBSERVATION]->(ob:Observation),
       (n)-[:HAS_OBSERVATION]->(ob),
       (r:FhirResource)-[:HAS_VERSION]->(v:FhirVersion),
       (dv:DataVersion)
DETACH DELETE c, p, n, q, o, ob, r, v, dv
