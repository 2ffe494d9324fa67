// Every client's id, served or not, in order: the pages of the research
// sweep, cut from one read. Paging this by keyset would cost a scan of the
// rest of the index a page (FalkorDB sorts what a range gives, rather than
// reading the index in order): quadratic over a population.
MATCH (c:Client)
RETURN c.id AS id
ORDER BY id
