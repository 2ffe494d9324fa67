"""A token names someone accountable and scopes of the SMART form: minting
refuses anything else (the command line with a clear message), and so does
the service for a token signed elsewhere with the same key."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from starlette.testclient import TestClient

from graphsvc.cli import main
from graphsvc.config import Settings
from graphsvc.domain import Principal, Role, ValidationError
from graphsvc.services.access import Action, scope_allows
from graphsvc.services.errors import Unauthenticated
from graphsvc.services.tokens import TokenIssuer

KEY = b"k" * 48
ISSUER = TokenIssuer(KEY)

BAD_SUBJECTS = [
    "",
    "   ",
    "\u200b\u200b",
    "nurse-1\n",
    "nurse\n-1",
    "nurse\x00",
    "nurse-1\u202e",
    " nurse-1",
    "nurse-1 ",
    "\tnurse-1",
    "n" * 257,
]
BAD_SCOPES = [
    "bogus",
    "",
    "system/",
    "system/*",
    "system/*.",
    "system/CareTeam.",
    "system/CareTeam.x",
    "system/CareTeam.readwrite",
    "system/care team.read",
    "system/careTeam.read",
    "admin/*.*",
    "/*.*",
    "system/*.read system/*.write",
    "system/*.read\n",
]


def nurse(subject: str, *scopes: str) -> Principal:
    return Principal(Role.NURSE, subject, frozenset({"team-0001"}), frozenset(scopes))


def system(*scopes: str) -> Principal:
    return Principal(Role.SYSTEM, "gp-system", scopes=frozenset(scopes))


def signed(**claims: Any) -> str:
    """A token signed with the service's key elsewhere, claims as given."""
    now = int(time.time())
    base = {
        "iss": "graphsvc",
        "aud": "graphsvc",
        "sub": "nurse-1",
        "role": "nurse",
        "teams": ["team-0001"],
        "scope": "",
        "iat": now,
        "exp": now + 600,
    }
    return jwt.encode({**base, **claims}, KEY, algorithm="HS256")


@pytest.mark.parametrize("subject", BAD_SUBJECTS)
def test_minting_refuses_a_subject_nobody_answers_to(subject: str) -> None:
    with pytest.raises(ValidationError) as refused:
        ISSUER.mint(nurse(subject))
    assert refused.value.field == "subject"


@pytest.mark.parametrize("subject", ["nurse-1", "n" * 256, "Huisartsenpost Utrecht", "José"])
def test_minting_takes_a_plain_subject(subject: str) -> None:
    assert ISSUER.verify(ISSUER.mint(nurse(subject))).subject == subject


@pytest.mark.parametrize("scope", BAD_SCOPES)
def test_minting_refuses_a_scope_not_of_the_smart_form(scope: str) -> None:
    with pytest.raises(ValidationError) as refused:
        ISSUER.mint(system("system/*.read", scope))
    assert refused.value.field == "scope"


@pytest.mark.parametrize(
    "scope",
    [
        "system/*.*",
        "system/*.read",
        "system/*.write",
        "system/CareTeam.rs",
        "system/CareTeam.cruds",
        "system/Patient.c",
        "patient/*.*",
        "patient/Observation.read",
    ],
)
def test_minting_takes_a_smart_scope(scope: str) -> None:
    principal = system(scope)
    assert ISSUER.verify(ISSUER.mint(principal)) == principal


def test_a_patient_scope_grants_a_system_client_nothing() -> None:
    """Why patient/ scopes are let through: the access rules read none."""
    for resource in ("CareTeam", "Patient", "AuditEvent", "Organization"):
        assert not any(scope_allows(["patient/*.*"], resource, a) for a in Action)


def test_a_user_scope_on_a_system_token_is_refused() -> None:
    """The access rules read user/*.* as system/*.*: on a system token it
    would grant every client of every team, which no system client was given."""
    assert scope_allows(["user/*.*"], "Patient", Action.WRITE)
    with pytest.raises(ValidationError) as refused:
        ISSUER.mint(system("user/*.*"))
    assert refused.value.field == "scope"
    with pytest.raises(Unauthenticated, match="scope"):
        ISSUER.verify(signed(role="system", teams=[], scope="user/*.*"))
    assert ISSUER.verify(ISSUER.mint(nurse("nurse-1", "user/*.read"))).role is Role.NURSE


@pytest.mark.parametrize("subject", BAD_SUBJECTS)
def test_a_token_signed_elsewhere_with_such_a_subject_is_refused(subject: str) -> None:
    with pytest.raises(Unauthenticated, match="subject"):
        ISSUER.verify(signed(sub=subject))


@pytest.mark.parametrize("scope", ["bogus", "system/*", "system/CareTeam.x", "admin/*.*"])
def test_a_token_signed_elsewhere_with_such_a_scope_is_refused(scope: str) -> None:
    with pytest.raises(Unauthenticated, match="scope"):
        ISSUER.verify(signed(role="system", teams=[], scope=f"system/*.read {scope}"))


@pytest.mark.parametrize("team", ["", " team-0001", "team/0001", "..", "t" * 65])
def test_a_team_that_is_no_id_is_refused(team: str) -> None:
    with pytest.raises(ValidationError) as refused:
        ISSUER.mint(Principal(Role.NURSE, "nurse-1", frozenset({team})))
    assert refused.value.field == "team"
    with pytest.raises(Unauthenticated, match="team"):
        ISSUER.verify(signed(teams=["team-0001", team]))


def test_a_token_signed_elsewhere_as_before_is_still_taken() -> None:
    scope = "system/*.read  system/CareTeam.write"
    token = signed(sub="gp-system", role="system", teams=[], scope=scope)
    assert ISSUER.verify(token) == system("system/*.read", "system/CareTeam.write")


@pytest.fixture(autouse=True)
def key_in_the_data_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHSVC_JWT_KEY", raising=False)


def token_command(data: Path, *args: str) -> list[str]:
    return ["token", "--data", str(data), *args]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--role", "nurse", "--subject", "", "--team", "team-0001"), "--subject"),
        (("--role", "nurse", "--subject", "nurse\nx", "--team", "team-0001"), "--subject"),
        (("--role", "nurse", "--subject", " nurse-x", "--team", "team-0001"), "--subject"),
        (("--role", "nurse", "--subject", "n" * 257, "--team", "team-0001"), "--subject"),
        (("--role", "system", "--subject", "gp", "--scope", "bogus"), "--scope"),
        (("--role", "system", "--subject", "gp", "--scope", "user/*.*"), "--scope"),
        (("--role", "nurse", "--subject", "nurse-x", "--team", "t", "--ttl", "0"), "--ttl"),
    ],
)
def test_the_token_command_refuses_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    assert main(token_command(tmp_path, *args)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"graphsvc token: {said} ") and "Traceback" not in err


def test_the_token_command_mints_a_plain_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--role", "system", "--subject", "gp-system", "--scope", "system/*.read")
    assert main(token_command(tmp_path, *args)) == 0
    token = capsys.readouterr().out.strip()
    key = (tmp_path / "jwt.key").read_text().strip().encode()
    assert TokenIssuer(key).verify(token) == system("system/*.read")


def test_the_service_answers_such_a_token_with_401(
    make_http: Callable[..., TestClient], issuer: TokenIssuer, settings: Settings
) -> None:
    """/api/me, /graphql and /fhir alike, whoever signed it."""
    http = make_http()
    key = settings.signing_key()
    now = int(time.time())
    claims = {"iss": "graphsvc", "aud": "graphsvc", "iat": now, "exp": now + 600}
    tokens = [
        jwt.encode({**claims, "sub": "", "role": "nurse", "teams": ["team-0001"]}, key, "HS256"),
        jwt.encode({**claims, "sub": "a\nb", "role": "nurse", "teams": ["t"]}, key, "HS256"),
        jwt.encode({**claims, "sub": "gp", "role": "system", "scope": "bogus"}, key, "HS256"),
    ]
    good = issuer.mint(nurse("nurse-1"))
    for token in tokens:
        headers = {"Authorization": f"Bearer {token}"}
        assert http.get("/api/me", headers=headers).status_code == 401
        query = {"query": "{ me { subject } }"}
        assert http.post("/graphql", json=query, headers=headers).status_code == 401
        assert http.get("/fhir/Patient", headers=headers).status_code == 401
    assert http.get("/api/me", headers={"Authorization": f"Bearer {good}"}).status_code == 200
