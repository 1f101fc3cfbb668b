"""Requests to the centre that its administrators decide — an organisation's for a partner account
(:mod:`app.services.partners`), a site's for a publishable key (:mod:`app.services.key_requests`) — and what their
forms and decisions share: the person's fields, checked all at once with the same bounds as the columns that keep
them; an address that tells nobody who has an account; only the centre's administrators deciding, once, with an
audit entry; an organisation made from a request's name. A decided request is deleted after
``decided_requests_kept_days`` (:mod:`app.services.retention`).
Nothing here commits: a decision and what it makes go in one transaction.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from slugify import slugify
from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from app.errors import AppError, FieldError, Forbidden, InvalidParameters, NotFound
from app.i18n import N_
from app.models import Organisation, OrganisationKind, RequestDecision
from app.models.base import utcnow
from app.models.centre_request import CentreRequest
from app.services import accounts, audit, keys
from app.services.accounts import Person

MESSAGE_LENGTH = 2000  # the person's message (what they would publish, who will search)
SLUG_LENGTH = 60
Request = TypeVar("Request", bound=CentreRequest)


def column_length(model: type[Any], column: str) -> int:
    """The length of a text column: a form's field as long as the column that keeps it, said next to the field
    with what was typed kept (a bound on the form's parameter refused the whole form as a problem document)."""
    kind = model.__table__.c[column].type
    assert isinstance(kind, String) and kind.length is not None, column
    return kind.length


def one_line(text: str) -> str:
    """A name as one line of single spaces, 200 characters at most: it goes into mail subjects and headings."""
    return " ".join(text.split())[:200]


def text_problems(
    required: Mapping[str, str], lengths: Mapping[str, int], typed: Mapping[str, str], message: str
) -> list[FieldError]:
    """The problems of a request's texts, each on its field: those ``required`` left empty, those longer than their
    column (``lengths`` of ``typed``), the message longer than :data:`MESSAGE_LENGTH`."""
    problems = [
        FieldError.translatable(field, accounts.REQUIRED) for field, text in required.items() if not text.strip()
    ]
    problems.extend(
        FieldError.translatable(field, N_("must have at most {max_length} characters"), max_length=limit)
        for field, limit in lengths.items()
        if len(typed[field]) > limit
    )
    if len(message) > MESSAGE_LENGTH:
        problems.append(FieldError.translatable("message", N_("at most 2,000 characters")))
    return problems


def checked_address(problems: list[FieldError], email_field: str, address: Callable[[], str]) -> str:
    """The person's address (``address()``: normalised, or its problem), once every problem of the form is reported
    at once, the address's included (on ``email_field``)."""
    found = ""
    try:
        found = address()
    except AppError as exc:
        problems = [*problems, *(FieldError(field=email_field, message=e.message) for e in exc.errors or [])]
    if problems:
        raise InvalidParameters("Some fields need correcting.", errors=problems)
    return found


def anonymous_address(email: str) -> Callable[[], str]:
    """For someone asking without an account: whether the address has an account is never said (the same answer
    for everyone), only whether it is one."""
    return lambda: accounts.checked_address(email)


def pending(session: Session, model: type[Request]) -> list[Request]:
    """The requests waiting for a decision, oldest first."""
    return list(session.scalars(select(model).where(model.decided_at.is_(None)).order_by(model.created_at)))


def pending_count(session: Session, model: type[CentreRequest]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.decided_at.is_(None))) or 0


def check_centre_admin(actor: Person, refusal: str) -> None:
    """Only the centre's administrators decide (``refusal``: what the others are told)."""
    if not (actor.is_admin and actor.is_centre):
        raise Forbidden(refusal)


def undecided(session: Session, model: type[Request], request_id: int) -> Request:
    """The request ``request_id``, still waiting (a second decision, from an older page, finds none)."""
    request = session.get(model, request_id)
    if request is None or request.decided_at is not None:
        raise NotFound(N_("No such request, or it was already decided."))
    return request


def decide(
    session: Session,
    actor: Person,
    request: CentreRequest,
    decision: RequestDecision,
    organisation_id: int | None,
    **details: Any,  # what was granted: audit details, JSON
) -> None:
    """Note the decision on the request and in the audit log (``account_request.accepted``…), with ``details``
    (what was granted)."""
    request.decided_at, request.decision, request.organisation_id = utcnow(), decision, organisation_id
    table: Any = request
    action = f"{table.__tablename__.removesuffix('s')}.{decision}"
    audit.record(session, action, actor.as_principal(), request=request.id, **details)


def free_slug(session: Session, name: str) -> str:
    """The name as an address (« ONG Cacao Équitable » → ``ong-cacao-equitable``), numbered when taken."""
    base = slugify(name, max_length=SLUG_LENGTH, word_boundary=True) or "organisation"
    taken = set(session.scalars(select(Organisation.slug).where(Organisation.slug.startswith(base))))
    number = 1
    slug = base
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def new_organisation(session: Session, actor: Person, name: str, kind: OrganisationKind) -> Organisation:
    """An organisation named ``name`` (one line), its address made from it."""
    name = one_line(name)
    return keys.create_organisation(session, free_slug(session, name), name, kind, actor=actor.as_principal())
