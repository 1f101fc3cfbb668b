"""The desk's checks before approving: what a submitted version shows of the publish page's criteria."""

from typing import Any

from app.schemas.publishing import RevisionData
from app.services.editorial_checks import FOR_THE_EDITOR, CheckKind, checks
from tests.helpers import good_practice


def version(**changes: Any) -> RevisionData:
    fields = good_practice(**changes)
    for name in ("translation_key", "language"):
        fields.pop(name)
    return RevisionData.model_validate(fields)


def test_a_complete_submission_meets_what_a_machine_can_check() -> None:
    found = checks(version(), None)
    assert [c.kind for c in found[: -len(FOR_THE_EDITOR)]] == [CheckKind.met, CheckKind.met]
    assert found[1].values == {"count": 1}
    assert found[-len(FOR_THE_EDITOR) :] == list(FOR_THE_EDITOR)  # the reminders, always


def test_an_unfindable_unsourced_submission_is_flagged_and_a_new_address_told() -> None:
    bare = version(countries=[], sectors=[], risks=[], sources=[], type="tool", slug="nouvelle-adresse")
    found = checks(bare, version())
    assert [c.kind for c in found[: -len(FOR_THE_EDITOR)]] == [CheckKind.caution, CheckKind.caution, CheckKind.notice]
    assert found[2].values == {"old": "remediation-cacao", "new": "nouvelle-adresse"}
