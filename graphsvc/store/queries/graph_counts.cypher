// Sizes of the graph, for health reports and tests.
MATCH (n)
RETURN count(n) AS nodes
