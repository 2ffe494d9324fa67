// Where the data stands, in one lookup: every guarded write that lands moves
// the counter (fhir_commit.cypher, its last write), and nothing else writes
// what the reads show. `since` is when the counter began, so that a database
// begun anew (its counter from 0 again) does not repeat a mark of the old one.
// What has been worked out from the data (a research release, an answer kept
// by the GraphQL endpoint) is kept while it stays the same. A database written
// before the counter existed reads as 0 until its next write.
OPTIONAL MATCH (d:DataVersion {id: 'all'})
RETURN coalesce(d.n, 0) AS n, coalesce(d.since, '') AS since
