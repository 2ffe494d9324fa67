"""SMART Backend Services as another system uses them: it registers its
public keys, finds the token endpoint, signs a client assertion (RS384 or
ES384), gets a short-lived token and reads through fhirpy over real HTTP;
a replayed, forged or overlong assertion is refused."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from fhirpy import SyncFHIRClient
from fhirpy.base.exceptions import ForbiddenError

from graphsvc.config import Settings

from ...conftest import seed
from ..fhir_bodies import FhirBodies
from ..test_graphql_gaps import DEMO
from ..web.served_app import serve

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def public_jwk(key: PrivateKey, kid: str, alg: str) -> dict[str, Any]:
    jwk: dict[str, Any] = json.loads(
        jwt.algorithms.get_default_algorithms()[alg].to_jwk(key.public_key())
    )
    return {**jwk, "kid": kid, "alg": alg}


@pytest.fixture
def keys() -> dict[str, PrivateKey]:
    return {
        "rsa-1": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec-1": ec.generate_private_key(ec.SECP384R1()),
    }


@pytest.fixture
def base(
    settings: Settings, keys: dict[str, PrivateKey], tmp_path: Path, fhir_bodies: FhirBodies
) -> Iterator[str]:
    """The demo under uvicorn, with the GP's system registered; every FHIR
    body it answers is checked by the three validators."""
    seed(settings, DEMO)
    jwks = tmp_path / "gp-system.jwks.json"
    jwks.write_text(
        json.dumps(
            {
                "keys": [
                    public_jwk(keys["rsa-1"], "rsa-1", "RS384"),
                    public_jwk(keys["ec-1"], "ec-1", "ES384"),
                ]
            }
        )
    )
    register = [sys.executable, "-m", "graphsvc", "client", "add", "--id", "gp-system"]
    scopes = ["--scope", "system/CareTeam.rs", "--scope", "system/Patient.rs"]
    done = subprocess.run(
        [*register, "--jwks", str(jwks), *scopes, "--data", str(settings.data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    app = serve(settings, fhir_bodies)
    yield f"{app.base_url}/fhir"
    app.stop()


def assertion(key: PrivateKey, kid: str, aud: str, **claims: Any) -> str:
    alg = "RS384" if isinstance(key, rsa.RSAPrivateKey) else "ES384"
    now = int(time.time())
    body = {
        "iss": "gp-system",
        "sub": "gp-system",
        "aud": aud,
        "exp": now + 240,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(
        {**body, **claims}, key, algorithm=claims.pop("alg", alg), headers={"kid": kid}
    )


def ask(endpoint: str, signed: str, scope: str = "system/CareTeam.rs") -> httpx.Response:
    return httpx.post(
        endpoint,
        data={
            "grant_type": "client_credentials",
            "scope": scope,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": signed,
        },
        timeout=30,
    )


def test_another_system_gets_a_token_and_reads(base: str, keys: dict[str, PrivateKey]) -> None:
    config = httpx.get(f"{base}/.well-known/smart-configuration", timeout=30).json()
    endpoint = config["token_endpoint"]
    assert "private_key_jwt" in config["token_endpoint_auth_methods_supported"]
    assert set(config["token_endpoint_auth_signing_alg_values_supported"]) == {"RS384", "ES384"}

    signed = assertion(keys["rsa-1"], "rsa-1", endpoint)
    answer = ask(endpoint, signed)
    assert answer.status_code == 200, answer.text
    granted = answer.json()
    assert granted["token_type"] == "bearer" and 0 < granted["expires_in"] <= 300
    assert granted["scope"] == "system/CareTeam.rs"
    assert answer.headers["Cache-Control"] == "no-store"

    fhir = SyncFHIRClient(base, authorization=f"Bearer {granted['access_token']}")
    careteams = fhir.resources("CareTeam").limit(10).fetch()
    assert len(careteams) == 10
    with pytest.raises(ForbiddenError):  # read and search only: no writes
        careteams[0]["note"] = [{"text": "niet toegestaan"}]
        careteams[0].save()
    with pytest.raises(ForbiddenError):  # and not another type
        fhir.resources("Observation").limit(1).fetch()

    # an assertion works once
    replayed = ask(endpoint, signed)
    assert replayed.status_code == 401 and "used before" in replayed.json()["error_description"]
    # ES384 with the other registered key
    assert ask(endpoint, assertion(keys["ec-1"], "ec-1", endpoint)).status_code == 200


@pytest.mark.parametrize(
    ("what", "says"),
    [
        ("another key", "no registered key"),
        ("another audience", "audience"),
        ("an hour to live", "five minutes"),
        ("HS256", "RS384, ES384"),
        ("a scope it may not have", "may ask for"),
        ("another client", "no registered client"),
    ],
)
def test_a_bad_assertion_is_refused(
    base: str, keys: dict[str, PrivateKey], what: str, says: str
) -> None:
    endpoint = base.removesuffix("/fhir") + "/auth/token"
    key, kid, claims, scope = keys["rsa-1"], "rsa-1", dict[str, Any](), "system/CareTeam.rs"
    audience = endpoint
    if what == "another key":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif what == "another audience":
        audience = "https://elsewhere.example/token"
    elif what == "an hour to live":
        claims["exp"] = int(time.time()) + 3600
    elif what == "a scope it may not have":
        scope = "system/Observation.cruds"
    elif what == "another client":
        claims["iss"] = claims["sub"] = "stranger"
    if what == "HS256":
        signed = jwt.encode(
            {
                "iss": "gp-system",
                "sub": "gp-system",
                "aud": endpoint,
                "exp": int(time.time()) + 60,
                "jti": "x1",
            },
            "s" * 32,
            algorithm="HS256",
        )
    else:
        signed = assertion(key, kid, audience, **claims)
    answer = ask(endpoint, signed, scope)
    assert answer.status_code in (400, 401)
    assert says in answer.json()["error_description"]
