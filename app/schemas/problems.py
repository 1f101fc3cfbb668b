"""A resource's validation problems in words a partner can act on, in the reader's language.

The API answers pydantic's English messages as they are; the partner portal shows the same problems through
these templates (English gettext ids with ``{name}`` placeholders filled from pydantic's context), translated by
the catalogs. Our own rules raise :class:`~pydantic_core.PydanticCustomError` with a ``crv_`` type from this table.
"""

from collections.abc import Mapping
from typing import Final

from pydantic import ValidationError

from app.errors import FieldError
from app.i18n import N_

# What is wrong and how to mend it: « https//www.ong.org » read « (it starts with https://) » as a description of
# itself. Said of any address the server cannot read, the partner portal's and the account forms' alike.
NOT_A_WEB_ADDRESS: Final = N_("a web address starts with “https://”: perhaps a “:” or “//” is missing")
# An address typed with « http:// » (a site of its own, a test server) lacks no « : » nor « // »: what it lacks is the
# « s ». Said where a form takes https addresses only (an organisation's website, app.services.partners).
NOT_AN_HTTPS_ADDRESS: Final = N_("the address must start with “https://”, not “http://”")

WORDS: Final[Mapping[str, str]] = {
    "missing": N_("required"),
    "string_type": N_("must be text"),
    "string_too_short": N_("must have at least {min_length} character(s)"),
    "string_too_long": N_("must have at most {max_length} characters"),
    "string_pattern_mismatch": N_("use only lowercase letters, digits and hyphens"),
    "list_type": N_("must be a list"),
    "too_short": N_("needs at least {min_length} item(s)"),
    "too_long": N_("has more than {max_length} items"),
    "enum": N_("must be one of: {expected}"),
    "literal_error": N_("must be one of: {expected}"),
    "url_parsing": NOT_A_WEB_ADDRESS,
    "url_scheme": NOT_A_WEB_ADDRESS,
    "url_type": NOT_A_WEB_ADDRESS,
    "url_too_long": N_("this web address is too long"),
    "date_parsing": N_("not a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("not a date (YYYY-MM-DD)"),
    "date_type": N_("not a date (YYYY-MM-DD)"),
    "extra_forbidden": N_("not a field of a resource"),
    "crv_control_characters": N_("contains control characters"),
    "crv_line_break": N_("must be one line"),
    "crv_duplicate_code": N_("lists a code twice"),
    # The API's message keeps its "(did you mean …?)" wording; the localized one shows "typed → code".
    "crv_unknown_code": N_("unknown code {suggested}; the codes are in /v1/taxonomies/{taxonomy}"),
    "crv_dates_order": N_("updated_at is before published_at"),
    "crv_duration": N_(
        "is the total length in minutes, a whole number from 1 to {maximum} (6 hours: 360; 1 hour 30 minutes: 90)"
    ),
    "crv_training_only": N_(
        "only a training module (type: training_module) has a duration, level or prerequisites; this resource is a "
        "{type}"
    ),
    "crv_language_tag": N_("unknown language code “{typed}”{suggested}: give a code such as en, fr or es"),
}

URL_ERRORS: Final = frozenset({"url_parsing", "url_scheme", "url_type"})


def field_errors(exc: ValidationError) -> list[FieldError]:
    """A pydantic error's problems, field by field; the API's message is pydantic's, the page's is from WORDS."""
    errors = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "body"
        message = error["msg"].removeprefix("Value error, ")
        # An empty text field or web address is a missing one (« adresse : obligatoire », not « pas une adresse web »).
        empty = (error["type"] == "string_too_short" and error.get("ctx", {}).get("min_length") == 1) or (
            error["type"] in URL_ERRORS and error.get("input") == ""
        )
        template = WORDS["missing"] if empty else WORDS.get(error["type"])
        if template is None:
            errors.append(FieldError(field=field, message=message))
        else:
            errors.append(FieldError.translatable(field, template, message, **error.get("ctx", {})))
    return errors
