MATCH (o:Organization {id: $id})
RETURN properties(o) AS organization, o:Team AS is_team
