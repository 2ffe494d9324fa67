// Removing a person changes the network of every client she was in.
MATCH (p:Person {id: $id})
OPTIONAL MATCH (p)-[:IN_NETWORK_OF]->(c:Client)
WITH p, collect(c) AS clients
// Each client's write lock before her version is read and moved.
FOREACH (c IN clients | SET c.write_lock = true REMOVE c.write_lock)
FOREACH (c IN clients | SET c.version = c.version + 1)
DETACH DELETE p
RETURN 1 AS deleted
