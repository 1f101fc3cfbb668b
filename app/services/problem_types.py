"""What each problem type of the API means and what to do about it: the page its ``type`` URI (``/problems/<slug>``)
leads to, a section of the API page in the reader's language. One entry per :class:`app.errors.AppError` slug (a
test holds the table to them)."""

from dataclasses import dataclass

from app.i18n import N_


@dataclass(frozen=True, slots=True)
class ProblemType:
    slug: str
    status: int
    meaning: str  # msgids
    remedy: str


PROBLEM_TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        "bad-request",
        400,
        N_("The request could not be read: a body that is not valid JSON, CSV or XLSX, or a form of the wrong kind."),
        N_("Check the body against the route’s schema in the API reference."),
    ),
    ProblemType(
        "unauthorized",
        401,
        N_("The key sent is unknown, revoked or of the wrong kind for this route, or the route needs one."),
        N_(
            "Send a valid key: a secret key in the Authorization header (Bearer), a publishable key in the X-Crv-Key "
            "header or the key parameter; or ask the centre for one."
        ),
    ),
    ProblemType(
        "forbidden",
        403,
        N_(
            "The key or the account is valid but may not do this: a publishable key used from a site it does not "
            "name or outside searching and reading, an account without the role."
        ),
        N_("Use the key or the account meant for it: the detail says which."),
    ),
    ProblemType(
        "csrf-failed",
        403,
        N_("A form of the centre’s pages was sent without its token, or after the token expired."),
        N_("Reload the form’s page and send the form again."),
    ),
    ProblemType(
        "not-found",
        404,
        N_("Nothing published has that identifier or address."),
        N_("Check the identifier: the search and the taxonomies list what exists."),
    ),
    ProblemType(
        "not-acceptable",
        406,
        N_("The Accept header asks only for media types the address does not give."),
        N_("Ask for one of the media types the detail lists, or send Accept: */*."),
    ),
    ProblemType(
        "gone",
        410,
        N_("The resource was published and has since been taken off the centre by its publisher or the editors."),
        N_("Remove it from your copy and your links; the search finds what the centre holds on its subject."),
    ),
    ProblemType(
        "conflict",
        409,
        N_("The request clashes with what is there: an address or a key already taken, a step already done."),
        N_("Read the current state (the detail says what clashes), then decide."),
    ),
    ProblemType(
        "precondition-failed",
        412,
        N_("The resource changed since you read it: the ETag in your If-Match header is no longer its current one."),
        N_("Read it again, make your change on the new version and send it with the new ETag."),
    ),
    ProblemType(
        "payload-too-large",
        413,
        N_("The body is over the route’s size limit (2 MiB for a list to screen)."),
        N_("Split it into smaller parts and send each one."),
    ),
    ProblemType(
        "invalid-parameters",
        422,
        N_("A parameter or a field has a value the route does not accept, or a parameter is unknown."),
        N_("The detail and the errors list name each field and what it accepts, often with a suggestion."),
    ),
    ProblemType(
        "precondition-required",
        428,
        N_("Changing this resource needs an If-Match header with its current ETag, so that no change is overwritten."),
        N_("Read the resource, then send your change with If-Match."),
    ),
    ProblemType(
        "rate-limited",
        429,
        N_("More requests in a minute than the key’s or the address’s quota."),
        N_("Wait the seconds the Retry-After header gives, then go on; ask for a key if you need a larger quota."),
    ),
    ProblemType(
        "internal-error",
        500,
        N_("Something failed on the centre’s side; it is logged."),
        N_("Try again later; if it lasts, write to the centre with the time and the address you called."),
    ),
    ProblemType(
        "service-unavailable",
        503,
        N_("A service the centre relies on, such as its search engine or its database, is not answering for now."),
        N_("Try again after the time the Retry-After header gives, if any, or in a minute."),
    ),
)
SLUGS = frozenset(problem.slug for problem in PROBLEM_TYPES)
