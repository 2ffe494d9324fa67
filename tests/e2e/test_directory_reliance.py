"""A directory entry (a professional, an organisation) is changed in the
directory only: no onion renames her, whoever asks, so that every onion
and her FHIR resource keep saying the same."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

from graphsvc.services.tokens import TokenIssuer

from ..conftest import nurse, system
from ..integration.builders import OTHER_TEAM, TEAM
from .graphql_client import GraphQL
from .test_graphql_mutations import GP, mutate, onion, two_teams


def _gp_names(http: TestClient, readers: dict[str, GraphQL], token: str) -> set[str]:
    """The GP's name as each client's onion and her Practitioner give it."""
    names = {
        next(m["displayName"] for m in onion(reader, cid)["members"] if m["id"] == GP["personId"])
        for cid, reader in readers.items()
    }
    found = http.get(
        f"/fhir/Practitioner/{GP['personId']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert found.status_code == 200, found.text
    names.add(found.json()["name"][0]["text"])
    return names


def test_no_one_renames_a_professional_through_an_onion(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(two_teams())
    ours, theirs = (
        GraphQL(http, issuer, nurse(TEAM.id)),
        GraphQL(http, issuer, nurse(OTHER_TEAM.id)),
    )
    for reader, client_id in ((ours, "client-0"), (theirs, "client-5")):
        linked = mutate(reader, "addMember", {"clientId": client_id, **GP})
        assert linked["__typename"] == "NetworkChange", linked
    readers = {"client-0": ours, "client-5": theirs}
    feed_b = GraphQL(http, issuer, system("system/*.*", teams=(OTHER_TEAM.id,)))
    feed = GraphQL(http, issuer, system("system/*.*", teams=(TEAM.id, OTHER_TEAM.id)))
    for writer in (feed_b, feed):  # a directory writer too: through one onion, never
        renamed = mutate(writer, "addMember", {"clientId": "client-5", **GP, "name": "Dr. X"})
        assert renamed["__typename"] == "ValidationError", renamed
        assert "directory" in renamed["message"]
    assert _gp_names(http, readers, feed.token) == {"Dr. Bakker"}

    # in the directory, a writer for both teams renames her everywhere at once
    headers = {"Authorization": f"Bearer {feed.token}", "Content-Type": "application/fhir+json"}
    gp = http.get(f"/fhir/Practitioner/{GP['personId']}", headers=headers).json()
    gp["name"] = [{"text": "Dr. Bakker-Visser", "family": "Bakker-Visser"}]
    put = http.put(f"/fhir/Practitioner/{GP['personId']}", json=gp, headers=headers)
    assert put.status_code == 200, put.text
    assert _gp_names(http, readers, feed.token) == {"Dr. Bakker-Visser"}


CODED = """mutation($input: AddMemberInput!) { addMember(input: $input) {
  __typename ... on Problem { code } } }"""


def test_what_an_onion_may_not_change_says_why_as_a_code(
    make_http: Callable[..., TestClient], issuer: TokenIssuer
) -> None:
    http = make_http(two_teams())
    ours, theirs = (
        GraphQL(http, issuer, nurse(TEAM.id)),
        GraphQL(http, issuer, nurse(OTHER_TEAM.id)),
    )
    assert mutate(ours, "addMember", {"clientId": "client-0", **GP})["__typename"] == (
        "NetworkChange"
    )

    def code(member: dict[str, str]) -> str:
        found = theirs(CODED, {"input": {"clientId": "client-5", **member}})["addMember"]
        assert found["__typename"] == "ValidationError", found
        return str(found["code"])

    assert code({**GP, "name": "Dr. X"}) == "directory-entry"
    relative = {"personId": "p-0-1", "name": "Person 0.1", "ring": "INFORMAL"}
    assert code(relative) == "in-another-network"
    assert code({"personId": TEAM.id, "name": "Een team", "ring": "FORMAL"}) == "not-a-person"
