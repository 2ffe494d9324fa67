// Where the data stands: every write adds a version of each resource it
// writes (versions are never removed) and a new version of each network it
// changes, so these figures move with every write and with nothing else.
// What has been worked out from the data (a research release) is kept while
// they stay the same.
MATCH (v:FhirVersion)
WITH count(v) AS versions
OPTIONAL MATCH (c:Client)
RETURN versions, count(c) AS clients, sum(coalesce(c.version, 0)) AS networks
