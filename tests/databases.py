"""The databases every store and end-to-end test runs on."""

DATABASES = ("falkordb", "neo4j")
