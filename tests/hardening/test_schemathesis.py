"""A bounded property-based run of every documented operation (schemathesis, fixed seed): no server error.

Runs against a real server holding the fixture corpus, with a key that has every scope, so the generated requests
reach the routes' own validation rather than stopping at 401. A key cannot revoke itself (409), so even
``DELETE /v1/admin/keys/{prefix}`` runs. The long probe (tens of thousands of cases) is ``scripts/probe.py``."""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import OrganisationKind
from tests.hardening.server import running
from tests.helpers import ADMIN, REVIEW, WRITE, bearer, make_key, make_org

EXAMPLES_PER_OPERATION = 12


@pytest.mark.usefixtures("loaded")
def test_no_generated_request_is_a_server_error(
    settings: Settings, session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    make_org(session_factory, "crv-editors", OrganisationKind.public_body)
    token = make_key(session_factory, "crv-editors", WRITE, REVIEW, ADMIN)
    serving = settings.model_copy(update={"rate_limit_enabled": False})
    server_errors: list[str] = []
    cases = 0
    with running(create_app(serving)) as base:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
        for result in schema.get_all_operations():
            operation = result.ok()

            @given(case=operation.as_strategy())
            @hypothesis_settings(
                max_examples=EXAMPLES_PER_OPERATION,
                derandomize=True,  # a fixed seed: the same cases every run
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def call(case: schemathesis.Case) -> None:
                nonlocal cases
                cases += 1
                response = case.call(base_url=base, headers=bearer(token), timeout=30)
                if response.status_code >= 500:
                    server_errors.append(f"{case.method} {case.path}: {response.status_code} {response.text[:200]}")

            call()
    assert cases > 100
    assert server_errors == []
