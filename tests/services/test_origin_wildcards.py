"""A publishable key's subdomain wildcard (``https://*.cci-exemple.fr``): what it is parsed to, what it refuses at
creation, which page origins it lets through (the tricky ones: the bare domain, a look-alike, another scheme or
port), the CORS answer such a page gets, and what the CLI says about a key's origins."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app import cli
from app.config import Settings
from app.errors import InvalidParameters
from app.models import KeyKind, Organisation
from app.services import keys
from app.services.origins import (
    OriginError,
    describe_origins,
    key_allows_origin,
    normalise_origin,
    normalise_origins,
    origin_listed,
    parse_allowed_origin,
    siblings_left_out,
)
from tests.helpers import cli_reads, make_org, widget_key

WILDCARD = "https://*.cci-exemple.fr"


@pytest.mark.parametrize(
    ("raw", "allowed"),
    [
        ("https://*.cci-exemple.fr", WILDCARD),
        ("HTTPS://*.CCI-Exemple.FR:443/", WILDCARD),
        ("https://*.cci-exemple.fr:8443", "https://*.cci-exemple.fr:8443"),
        ("http://*.region.cci-exemple.fr", "http://*.region.cci-exemple.fr"),
        ("https://*.café-exemple.fr", "https://*.xn--caf-exemple-dbb.fr"),  # as browsers send it
        ("https://www.café-exemple.fr", "https://www.xn--caf-exemple-dbb.fr"),
    ],
)
def test_a_wildcard_is_parsed_to_its_normal_form(raw: str, allowed: str) -> None:
    assert parse_allowed_origin(raw) == allowed


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("https://*", "whole first label"),
        ("https://*cci-exemple.fr", "whole first label"),
        ("https://www*.cci-exemple.fr", "whole first label"),
        ("https://a.*.cci-exemple.fr", "whole first label"),
        ("https://*.*.cci-exemple.fr", "whole first label"),
        ("*.cci-exemple.fr", "not an origin"),
        ("https://*.fr", "anyone's site under fr"),
        ("https://*.co.uk", "anyone's site under co.uk"),
        ("https://*.gouv.fr", "anyone's site under gouv.fr"),
        ("https://*.or.ci", "anyone's site under or.ci"),
        ("https://*.github.io", "anyone's site under github.io"),
        ("https://*.localhost", "anyone's site under localhost"),
        ("https://*.192.0.2.1", "not of '192.0.2.1'"),
        ("https://*.cci-exemple.fr.", "not of 'cci-exemple.fr.'"),
        ("https://*.cci-exemple.fr/actu", "without a path"),
    ],
)
def test_a_wildcard_that_would_match_nothing_or_anyone_is_refused_with_a_reason(raw: str, why: str) -> None:
    with pytest.raises(OriginError, match=why):
        parse_allowed_origin(raw)


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://www.cci-exemple.fr", True),
        ("https://actu.region.cci-exemple.fr", True),  # one label or more
        ("https://cci-exemple.fr", False),  # never the bare domain
        ("https://evil-cci-exemple.fr", False),  # nor a look-alike that ends the same
        ("https://wwwcci-exemple.fr", False),
        ("https://www.cci-exemple.fr.evil.example", False),
        ("https://cci-exemple.fr.evil.example", False),
        ("http://www.cci-exemple.fr", False),  # scheme exact
        ("https://www.cci-exemple.fr:8443", False),  # port exact
        ("https://www.cci-exemple.fr:443", True),  # the default port is no port
        ("https://.cci-exemple.fr", False),
        ("https://a..cci-exemple.fr", False),
    ],
)
def test_which_page_origins_a_wildcard_lets_through(origin: str, allowed: bool) -> None:
    normalised = normalise_origin(origin)
    assert normalised is not None
    assert origin_listed({WILDCARD}, normalised) is allowed
    assert key_allows_origin(frozenset({WILDCARD}), normalised) is allowed


def test_a_wildcard_with_a_port_takes_that_port_only() -> None:
    allowed = {"https://*.cci-exemple.fr:8443"}
    assert origin_listed(allowed, "https://www.cci-exemple.fr:8443")
    assert not origin_listed(allowed, "https://www.cci-exemple.fr")
    assert not origin_listed(allowed, "https://www.cci-exemple.fr:9443")


def test_a_request_origin_is_never_a_wildcard() -> None:
    """A client sending `Origin: https://*.cci-exemple.fr` does not equal the stored pattern: it has no origin."""
    assert normalise_origin(WILDCARD) is None
    assert normalise_origin("https://*") is None


def test_stored_origins_keep_their_wildcard_and_drop_what_matches_nothing() -> None:
    stored = [WILDCARD, "https://www.cci-exemple.fr", "https://*", "https://*.fr"]
    assert normalise_origins(stored) == {WILDCARD, "https://www.cci-exemple.fr"}


def test_describe_origins_names_the_sibling_left_out() -> None:
    assert describe_origins(["https://www.x.fr"]) == [
        "https://www.x.fr: pages of this exact origin",
        "  not https://x.fr: if the site answers there too, add it",
    ]
    assert describe_origins(["https://x.fr"])[1] == "  not https://www.x.fr: if the site answers there too, add it"
    both = describe_origins(["https://www.x.fr", "https://x.fr"])
    assert both == ["https://www.x.fr: pages of this exact origin", "https://x.fr: pages of this exact origin"]
    (wildcard,) = describe_origins([WILDCARD])
    assert "every subdomain of cci-exemple.fr" in wildcard and "not https://cci-exemple.fr itself" in wildcard
    assert describe_origins([WILDCARD, "https://cci-exemple.fr"])[0].endswith("(https://www.cci-exemple.fr…)")
    assert describe_origins(["http://127.0.0.1:8123", "http://localhost:3000"]) == [
        "http://127.0.0.1:8123: pages of this exact origin",
        "http://localhost:3000: pages of this exact origin",
    ]


def test_the_key_s_holder_is_told_to_ask_the_centre() -> None:
    """The mail that brings a key is read by someone who cannot change it: the sibling left out is for the centre
    to add, at its address."""
    assert describe_origins(["https://www.x.fr"], contact="crv@example.org")[1] == (
        "  not https://x.fr: if the site answers there too, ask the centre (crv@example.org) to add it"
    )
    (wildcard,) = describe_origins([WILDCARD], contact="crv@example.org")
    assert wildcard.endswith("if the site answers there, ask the centre (crv@example.org) to add it")


def test_the_siblings_left_out_are_the_www_or_bare_addresses_not_listed() -> None:
    assert siblings_left_out(["https://www.x.fr", "https://y.fr"]) == ["https://x.fr", "https://www.y.fr"]
    assert siblings_left_out(["https://www.x.fr", "https://x.fr"]) == []
    assert siblings_left_out([WILDCARD, "https://www.x.fr"]) == ["https://cci-exemple.fr", "https://x.fr"]
    assert siblings_left_out(["https://*.x.fr", "https://x.fr"]) == []  # the wildcard lets www. through
    assert siblings_left_out(["http://localhost:3000", "http://127.0.0.1:8123"]) == []


def test_a_key_stores_a_wildcard_and_refuses_a_bad_one(session: Session, org: Organisation) -> None:
    created = keys.create_key(
        session, org, scopes=["search"], kind=KeyKind.publishable, allowed_origins=["https://*.CCI-exemple.fr/"]
    )
    assert created.key.allowed_origins == [WILDCARD]
    with pytest.raises(InvalidParameters) as raised:
        keys.create_key(
            session, org, scopes=["search"], kind=KeyKind.publishable, allowed_origins=["https://*.gouv.fr"]
        )
    assert "anyone's site under gouv.fr" in raised.value.detail
    assert raised.value.errors[0].field == "allowed_origins"
    with pytest.raises(InvalidParameters, match="whole first label"):
        keys.update_key(session, created.key.prefix, keys.KeyChanges(add_origins=["https://www*.cci-exemple.fr"]))


@pytest.mark.usefixtures("loaded")
def test_a_page_of_a_subdomain_uses_a_wildcard_key(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    token = widget_key(session_factory, origins=[WILDCARD])
    page = client.get(
        "/v1/search", params={"key": token, "q": "cacao"}, headers={"Origin": "https://www.cci-exemple.fr"}
    )
    assert page.status_code == 200
    assert page.headers["access-control-allow-origin"] == "https://www.cci-exemple.fr"  # its script may read it
    for other in ("https://cci-exemple.fr", "https://evil-cci-exemple.fr", "http://www.cci-exemple.fr"):
        refused = client.get("/v1/search", params={"key": token}, headers={"Origin": other})
        assert refused.status_code == 403, other
        assert f"The origin {other} is not allowed" in refused.json()["detail"]


def test_the_cli_says_which_origins_a_key_works_from(
    settings: Settings, session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli_reads(settings, monkeypatch)
    make_org(session_factory, "cci-exemple")
    runner = CliRunner()
    create = ("keys", "create", "--org", "cci-exemple", "--scope", "search", "--kind", "publishable")
    made = runner.invoke(cli.app, [*create, "--origin", "https://www.cci-exemple.fr"])
    assert made.exit_code == 0, made.output
    assert made.stdout.strip().startswith("crv_pk_")  # the key alone on standard output
    assert "https://www.cci-exemple.fr: pages of this exact origin" in made.stderr
    assert "not https://cci-exemple.fr: if the site answers there too, add it" in made.stderr
    prefix = made.stdout.strip().rsplit("_", 1)[0]
    updated = runner.invoke(cli.app, ["keys", "update", prefix, "--add-origin", WILDCARD])
    assert updated.exit_code == 0, updated.output
    assert "every subdomain of cci-exemple.fr" in updated.stdout and "not https://cci-exemple.fr" in updated.stdout
    refused = runner.invoke(cli.app, [*create, "--origin", "https://*.fr"])
    assert refused.exit_code == 1 and "anyone's site under fr" in refused.output
