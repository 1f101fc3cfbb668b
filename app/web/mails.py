"""The mails people get: invitations, password links, requests to the centre — for a partner account, for a key for
the search widget — (to the centre's administrators, else its contact address; the person who asked gets an
acknowledgement, then the decision: the key itself when it is made); submissions and decisions are in
``app.web.notifications``. Their text is in the site's gettext catalogs, in the language each person chose for
their mails."""

from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import mail
from app.config import Settings
from app.i18n import N_, format_number, gettext
from app.models import AccountRequest, KeyRequest, Organisation, Role, User
from app.models.centre_request import CentreRequest
from app.paths import absolute, page_path
from app.services import accounts, embed_builder, keys
from app.services.centre import CENTRE_SLUG
from app.services.origins import describe_origins
from app.taxonomy import Taxonomies

MAKE_CENTRE_ADMIN = f"crv users invite <address> --org {CENTRE_SLUG} --role admin"


def link(settings: Settings, name: str, language: str, rest: str = "") -> str:
    """The absolute address of a page, ``rest`` (a resource id, a query) after it."""
    return absolute(settings.public_base_url, page_path(name, language) + rest)


# What an invitation asks the person to do, by the role they are invited to.
INVITATIONS = {
    Role.contributor: N_(
        "%(inviter)s invites you to publish resources for %(organisation)s in the virtual resource centre 8.7."
    ),
    Role.admin: N_(
        "%(inviter)s invites you to publish resources for %(organisation)s in the virtual resource centre 8.7, "
        "and to manage the people who publish with you, as an administrator of %(organisation)s."
    ),
    Role.editor: N_(
        "%(inviter)s invites you to join the editors of the virtual resource centre 8.7: you will review what "
        "partner organisations submit, and publish it or send it back to them."
    ),
}


def send_invitation(settings: Settings, user: User, token: str, inviter: str, organisation: str) -> None:
    lang = user.language
    invitation = gettext(lang, INVITATIONS[user.role], inviter=inviter, organisation=organisation)
    body = gettext(
        lang,
        "Hello %(name)s,\n\n%(invitation)s\n\nChoose your password with this link (valid for 7 days, once):\n"
        "%(link)s\n\nIf you did not expect this message, ignore it.\n",
        name=user.name,
        invitation=invitation,
        link=link(settings, "set_password", lang, f"?token={token}"),
    )
    mail.send(
        settings, user.email, gettext(lang, "Your invitation to the virtual resource centre 8.7"), body, language=lang
    )


def send_account_deactivated(settings: Settings, session: Session, user: User) -> None:
    """Tell a deactivated person who asked for a new password why no link comes (to their mailbox: the page says
    the same to everyone)."""
    organisation = session.get(Organisation, user.organisation_id)
    lang = user.language
    body = gettext(
        lang,
        "Hello %(name)s,\n\nA new password was asked for your account of the virtual resource centre 8.7, but the "
        "account has been deactivated: no password can be chosen for it. To use it again, contact the "
        "administrator of %(organisation)s.\n\nIf you did not ask for it, ignore this message.\n",
        name=user.name,
        organisation=organisation.name if organisation else "—",
    )
    mail.send(settings, user.email, gettext(lang, "Your account is deactivated"), body, language=lang)


# Who closed a person's access, and whom to ask: their own organisation's administrator, or the centre.
CLOSED_BY_ORGANISATION = N_(
    "Hello %(name)s,\n\n%(actor)s, administrator of %(organisation)s, has deactivated your account of the virtual "
    "resource centre 8.7 (%(email)s): you can no longer sign in, and your open sessions have ended.\n\nTo ask why, "
    "or to use your account again, write to %(actor)s: %(address)s\n"
)
CLOSED_BY_CENTRE = N_(
    "Hello %(name)s,\n\nThe virtual resource centre 8.7 has deactivated your account (%(email)s, %(organisation)s): "
    "you can no longer sign in, and your open sessions have ended.\n\nTo ask why, or to use your account again, "
    "write to the centre: %(address)s\n"
)


def send_access_closed(settings: Settings, session: Session, user: User, actor: accounts.Person) -> None:
    """Tell a person, in their language, that their account was just deactivated, by whom, and whom to ask (they
    would otherwise learn it only at their next sign-in). Not someone invited who never chose a password: they had
    no access to close."""
    if user.password_hash is None:
        return
    lang = user.language
    organisation = session.get(Organisation, user.organisation_id)
    if actor.organisation_id == user.organisation_id:
        text, address = CLOSED_BY_ORGANISATION, actor.email
    else:  # a centre's administrator, who manages every organisation's people
        text, address = CLOSED_BY_CENTRE, settings.contact_email
    body = gettext(
        lang,
        text,
        name=user.name,
        actor=actor.name,
        organisation=organisation.name if organisation else "—",
        email=user.email,
        address=address,
    )
    mail.send(
        settings,
        user.email,
        gettext(lang, "Your access to the virtual resource centre 8.7 is closed"),
        body,
        language=lang,
    )


# The link a forgotten password brings (accounts.request_reset): a reset's for a person with a password; for someone
# invited who never chose one, an invitation's, which lasts as long as the invitation did and replaces its link.
PASSWORD_LINK = N_(
    "Hello %(name)s,\n\nTo choose a new password, follow this link (valid for one hour, once):\n%(link)s\n\n"
    "If you did not ask for it, ignore this message: your password stays as it is.\n"
)
FIRST_PASSWORD_LINK = N_(
    "Hello %(name)s,\n\nYou were invited to the virtual resource centre 8.7 and have not chosen a password yet. "
    "Choose it with this link (valid for 7 days, once):\n%(link)s\n\nIt replaces the link of your invitation, "
    "which no longer works.\n\nIf you did not ask for it, ignore this message.\n"
)


def send_password_link(settings: Settings, user: User, token: str) -> None:
    """The link asked for on the forgotten-password page, saying how long it works (accounts.INVITE_LIFETIME for
    someone invited who has no password yet, else accounts.RESET_LIFETIME)."""
    lang = user.language
    body = gettext(
        lang,
        PASSWORD_LINK if user.password_hash else FIRST_PASSWORD_LINK,
        name=user.name,
        link=link(settings, "set_password", lang, f"?token={token}"),
    )
    mail.send(
        settings,
        user.email,
        gettext(lang, "Choose a password for the virtual resource centre 8.7"),
        body,
        language=lang,
    )


def send_password_changed(settings: Settings, user: User) -> None:
    """Tell the person their password changed, in case it was not them."""
    lang = user.language
    body = gettext(
        lang,
        "Hello %(name)s,\n\nThe password of your account was just changed and your other sessions were closed."
        "\n\nIf it was not you, choose a new one at once:\n%(link)s\n",
        name=user.name,
        link=link(settings, "forgot", lang),
    )
    mail.send(settings, user.email, gettext(lang, "Your password was changed"), body, language=lang)


def active_people(session: Session, organisation_id: int) -> list[User]:
    query = select(User).where(
        User.organisation_id == organisation_id, User.disabled_at.is_(None), User.password_hash.is_not(None)
    )
    return list(session.scalars(query))


def _tell_centre(
    settings: Settings,
    session: Session,
    subject: Callable[[str], str],
    body: Callable[[str, User | None], str],
    language: str,
) -> int:
    """Tell the centre's administrators of a request, each in their language (``body(language, admin)``), or, when
    none could be mailed (there is none yet, or every mail was refused), the centre's contact address, in the
    request's ``language`` (``body(language, None)``), which the forms offer too: a request never waits unseen. How
    many were told."""
    sent = 0
    for admin in accounts.centre_people(session, Role.admin):
        lang = admin.language
        sent += mail.send(settings, admin.email, subject(lang), body(lang, admin), language=lang)
    if sent:
        return sent
    return int(mail.send(settings, settings.contact_email, subject(language), body(language, None), language=language))


def _to_requester(settings: Settings, request: CentreRequest, subject: str, body: str, **values: str) -> bool:
    """A mail to the person who asked, in the language they asked in, greeted by name; ``contact``: the centre's
    address, to write to."""
    lang = request.language
    text = gettext(lang, body, name=request.contact_name, contact=settings.contact_email, **values)
    return mail.send(settings, request.email, gettext(lang, subject), text, language=lang)


def send_account_request(settings: Settings, session: Session, request: AccountRequest) -> int:
    """Tell the centre's administrators that an organisation asks for an account (else the centre's contact)."""
    asked = {
        "person": request.contact_name,
        "email": request.email,
        "organisation": request.organisation_name,
        "website": request.website or "—",
        "text": request.message or "—",
    }

    def body(lang: str, admin: User | None) -> str:
        if admin is not None:
            return gettext(
                lang,
                "Hello %(name)s,\n\n%(person)s (%(email)s) asks for a partner account for %(organisation)s "
                "(%(website)s).\n\nTheir message:\n%(text)s\n\nAccept or decline on the team page:\n%(link)s\n",
                name=admin.name,
                link=link(settings, "team", lang),
                **asked,
            )
        return gettext(
            lang,
            "Hello,\n\n%(person)s (%(email)s) asks for a partner account for %(organisation)s (%(website)s).\n\n"
            "Their message:\n%(text)s\n\nNo administrator of the centre could be told (the centre has none with an "
            "active account, or their mails were refused), so the request comes to the centre's contact address. An "
            "administrator of the centre accepts or declines it on the team page:\n%(link)s\n\nTo make someone an "
            "administrator of the centre: %(command)s\n",
            link=link(settings, "team", lang),
            command=MAKE_CENTRE_ADMIN,
            **asked,
        )

    def subject(lang: str) -> str:
        return gettext(lang, "Account request: %(organisation)s", organisation=request.organisation_name)

    return _tell_centre(settings, session, subject, body, request.language)


def send_request_received(settings: Settings, request: AccountRequest) -> None:
    """Tell the person who asked for an account, in the language of the page they asked from, what they asked,
    what happens next and whom to write to (anyone may type an address: the mail says so)."""
    _to_requester(
        settings,
        request,
        N_("We received your request for a partner account"),
        N_(
            "Hello %(name)s,\n\nThe virtual resource centre 8.7 received your request for a partner account for "
            "%(organisation)s (%(website)s).\n\nAn administrator of the centre reads it and answers you at this "
            "address. If it is accepted, a mail brings you the link to choose your password: you will be the first "
            "administrator of %(organisation)s in the centre, and may then invite your colleagues.\n\nTo add "
            "something or ask a question, write to %(contact)s.\n\nIf you did not ask for it, ignore this message: no "
            "account is opened without the centre's agreement.\n"
        ),
        organisation=request.organisation_name,
        website=request.website or "—",
    )


def send_request_declined(settings: Settings, request: AccountRequest) -> None:
    _to_requester(
        settings,
        request,
        N_("Your request for a partner account"),
        N_(
            "Hello %(name)s,\n\nThe centre did not open a partner account for %(organisation)s. To talk about it, "
            "write to %(contact)s.\n"
        ),
        organisation=request.organisation_name,
    )


# Requests for a publishable key: what was asked, in the words of the language of each mail.


def _pages(origins: Sequence[str], lang: str, contact: str) -> str:
    """The pages a key works on, a line each, with the sibling address the list leaves out (``www.`` or not) and
    whom to ask to add it: the centre (``contact``), as the person reading cannot change their key."""
    return "\n".join(describe_origins(origins, lambda text, **values: gettext(lang, text).format(**values), contact))


def _filters(request: KeyRequest, taxonomies: Taxonomies, lang: str) -> str:
    chosen = embed_builder.described(embed_builder.chosen_of(request.fixed_filters), taxonomies, lang)
    return (gettext(lang, ";") + " ").join(chosen) or gettext(lang, "none, every resource")


def _demo(settings: Settings, request: KeyRequest, key: str = "") -> str:
    """The builder's page with the request's filters (and the key, to try it)."""
    chosen = embed_builder.chosen_of(request.fixed_filters)
    return absolute(settings.public_base_url, embed_builder.demo_path(request.language, key, chosen))


def send_key_request(settings: Settings, session: Session, request: KeyRequest, taxonomies: Taxonomies) -> int:
    """Tell the centre's administrators that a site asks for a key (else the centre's contact)."""

    def body(lang: str, admin: User | None) -> str:
        asked = gettext(
            lang,
            "%(person)s (%(email)s) asks for a publishable key for %(site)s, to embed the centre's search in its "
            "pages:\n%(pages)s\n\nFilters: %(filters)s\n\nTheir message:\n%(text)s\n\n",
            person=request.contact_name,
            email=request.email,
            site=request.site_name,
            pages="\n".join(request.origins),
            filters=_filters(request, taxonomies, lang),
            text=request.message or "—",
        )
        where = link(settings, "team", lang, "#key-requests")
        if admin is not None:
            return (
                gettext(lang, "Hello %(name)s,", name=admin.name)
                + "\n\n"
                + asked
                + gettext(lang, "Accept or decline on the team page:\n%(link)s\n", link=where)
            )
        return (
            gettext(lang, "Hello,")
            + "\n\n"
            + asked
            + gettext(
                lang,
                "No administrator of the centre could be told (the centre has none with an active account, or their "
                "mails were refused), so the request comes to the centre's contact address. An administrator of the "
                "centre accepts or declines it on the team page:\n%(link)s\n\nTo make someone an administrator of "
                "the centre: %(command)s\n",
                link=where,
                command=MAKE_CENTRE_ADMIN,
            )
        )

    def subject(lang: str) -> str:
        return gettext(lang, "Key request: %(site)s", site=request.site_name)

    return _tell_centre(settings, session, subject, body, request.language)


def send_key_request_received(settings: Settings, request: KeyRequest) -> None:
    _to_requester(
        settings,
        request,
        N_("We received your request for a key"),
        N_(
            "Hello %(name)s,\n\nThe virtual resource centre 8.7 received your request for a publishable key for "
            "%(site)s, for these pages:\n%(pages)s\n\nAn administrator of the centre reads it and answers you at "
            "this address: if it is accepted, the mail brings the key and the lines to paste into your pages. "
            "Meanwhile, the search already works without a key:\n%(demo)s\n\nTo add something or ask a question, "
            "write to %(contact)s.\n\nIf you did not ask for it, ignore this message: no key is made without the "
            "centre's agreement.\n"
        ),
        site=request.site_name,
        pages="\n".join(request.origins),
        demo=_demo(settings, request),
    )


def send_key(settings: Settings, request: KeyRequest, created: keys.CreatedKey, taxonomies: Taxonomies) -> bool:
    """Give the person who asked their new key, where it works (the origins granted, which the centre may have
    corrected) and the lines to paste, in their language; whether the mail was handed over (else the administrator
    gives the key themselves: it is not kept). Mailing the key is safe because it is a publishable one: it is public
    by design, written in the source of every page that uses it, and can only search the centre's resources from
    the origins it names (a secret key is never mailed)."""
    chosen = embed_builder.chosen_of(request.fixed_filters)
    lang, token = request.language, created.token
    return _to_requester(
        settings,
        request,
        N_("Your key for the centre's search"),
        N_(
            "Hello %(name)s,\n\nThe virtual resource centre 8.7 has made a publishable key for %(site)s:\n\n%(key)s"
            "\n\nIt works on these pages only:\n%(pages)s\n\nFilters it always applies: %(filters)s\n\nYour "
            "visitors may send %(quota)s requests a minute with it in all, each of them %(visitor)s.\n\nPaste these "
            "lines into your page, where the search should appear:\n\n%(snippet)s\n\nTo try the key first, open "
            "the centre's demo page with it:\n%(demo)s\n\nThis key is meant to be seen: it is written in the source "
            "of your pages, and can only search the centre's resources, from the pages above. To add an address or "
            "change the filters, write to %(contact)s.\n"
        ),
        site=request.site_name,
        key=token,
        pages=_pages(created.key.allowed_origins, lang, settings.contact_email),
        filters=_filters(request, taxonomies, lang),
        quota=format_number(settings.key_requests_per_minute, lang),
        visitor=format_number(settings.visitor_requests_per_minute, lang),
        snippet=embed_builder.snippet(settings.public_base_url, lang, chosen, token),
        demo=_demo(settings, request, token),
    )


def send_key_request_declined(settings: Settings, request: KeyRequest) -> None:
    _to_requester(
        settings,
        request,
        N_("Your request for a key"),
        N_(
            "Hello %(name)s,\n\nThe centre did not make a key for %(site)s. The search can still be embedded in your "
            "pages without one:\n%(demo)s\n\nTo talk about it, write to %(contact)s.\n"
        ),
        site=request.site_name,
        demo=_demo(settings, request),
    )
