// The ids of the next $limit clients in id order after $after_id ('': from
// the first), served or not: the bounds of the research sweep's pages, by
// keyset on the client id's index.
MATCH (c:Client)
WHERE c.id > $after_id
RETURN c.id AS id
ORDER BY id
LIMIT $limit
