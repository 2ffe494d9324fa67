"""The GraphQL surface (strawberry) at /graphql."""
