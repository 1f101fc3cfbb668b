"""What the centre's three legal pages say that is not fixed prose: the accessibility statement's status and date,
the cookies the code sets, the lifetimes and retentions the code enforces, and who runs this instance (its
settings, never guessed). The pages' templates (``site/accessibility.html``, ``site/personal_data.html``,
``site/legal_notice.html``) say the rest; what they say of the code is kept true by tests/site/test_legal_pages.py.
"""

from dataclasses import dataclass
from datetime import date

from app import csrf
from app.config import Settings
from app.i18n import N_
from app.services import accounts
from app.services.principal import SESSION_COOKIE

# The day the accessibility statement was last established: the RGAA asks for it, and for a new one after a
# substantial change of the site or three years.
STATEMENT_DATE = date(2026, 12, 4)
# No RGAA audit has been made, and the RGAA gives a site without a valid audit result the status « non conforme »
# whatever its state. The footer of every page (base.html) and the statement say the same msgid: « Accessibility:
# not compliant ». An audit's rate would change both.
RGAA_VERSION = "4.1"


@dataclass(frozen=True, slots=True)
class Cookie:
    name: str
    purpose: str  # an N_() message the template translates
    lifetime: str  # an N_() message, filled with the view's session lifetimes


# Every cookie the centre sets: a test collects those a browser receives and fails on one missing here.
COOKIES = (
    Cookie(
        csrf.COOKIE,
        N_("protects the forms from being sent by another site in your name: a random number, linked to nobody."),
        N_("until you close your browser."),
    ),
    Cookie(
        SESSION_COOKIE,
        N_("keeps a partner or an editor signed in: a random token, of which the centre keeps only a fingerprint."),
        N_("%(hours)s hours at most; the session ends after %(minutes)s minutes without use, or when you sign out."),
    ),
)


@dataclass(frozen=True, slots=True)
class Operator:
    """Who runs this instance, as its settings say; an empty field is one the operator has not given."""

    name: str
    address: str
    director: str
    host: str
    privacy_email: str  # the data protection officer's, else the centre's contact address
    has_dpo: bool
    contact_email: str


@dataclass(frozen=True, slots=True)
class LegalView:
    operator: Operator
    site: str  # the public address the statements apply to
    statement_date: date
    rgaa_version: str
    cookies: tuple[Cookie, ...]
    session_hours: int
    session_idle_minutes: int
    login_window_minutes: int
    invite_days: int
    reset_minutes: int
    # what app.services.retention deletes, and when (the settings)
    ended_sessions_kept_days: int
    failed_sign_ins_kept_days: int
    requests_kept_days: int
    sign_in_log_kept_days: int
    # the editors' searches that find nothing (app.services.search_statistics): whether counted, how long, shown when
    search_statistics: bool
    search_statistics_kept_days: int
    search_statistics_min_searches: int
    # the resources' reads counted for their organisations (app.services.read_counts): how long
    read_counts_kept_days: int
    # the readers' email alerts (app.services.alerts): an unconfirmed one's life, the confirmation mails' throttle
    alerts_unconfirmed_kept_days: int
    # the editors' counts of confirmed alerts per subject (app.services.alerts_followed), shown from this many readers
    alerts_min_shown: int


def operator(settings: Settings) -> Operator:
    dpo = settings.dpo_email.strip()
    return Operator(
        name=settings.operator_name.strip(),
        address=settings.operator_address.strip(),
        director=settings.publication_director.strip(),
        host=settings.host_details.strip(),
        privacy_email=dpo or settings.contact_email,
        has_dpo=bool(dpo),
        contact_email=settings.contact_email,
    )


def legal_view(settings: Settings) -> LegalView:
    return LegalView(
        operator=operator(settings),
        site=settings.public_base_url,
        statement_date=STATEMENT_DATE,
        rgaa_version=RGAA_VERSION,
        cookies=COOKIES,
        session_hours=settings.session_hours,
        session_idle_minutes=settings.session_idle_minutes,
        login_window_minutes=settings.login_window_minutes,
        invite_days=accounts.INVITE_LIFETIME.days,
        reset_minutes=int(accounts.RESET_LIFETIME.total_seconds() // 60),
        ended_sessions_kept_days=settings.ended_sessions_kept_days,
        failed_sign_ins_kept_days=settings.failed_sign_ins_kept_days,
        requests_kept_days=settings.decided_requests_kept_days,
        sign_in_log_kept_days=settings.sign_in_log_kept_days,
        search_statistics=settings.search_statistics,
        search_statistics_kept_days=settings.search_statistics_kept_days,
        search_statistics_min_searches=settings.search_statistics_min_searches,
        read_counts_kept_days=settings.read_counts_kept_days,
        alerts_unconfirmed_kept_days=settings.alerts_unconfirmed_kept_days,
        alerts_min_shown=settings.alerts_min_shown,
    )
