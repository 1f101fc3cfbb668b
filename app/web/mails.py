"""The mails people get: invitations, password links, submissions (to editors) and decisions (to organisations)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import mail
from app.config import Settings
from app.models import User
from app.web.i18n import gettext
from app.web.paths import path


def link(settings: Settings, name: str, language: str, query: str = "") -> str:
    return f"{settings.public_base_url.rstrip('/')}{path(name, language)}{query}"


def send_invitation(settings: Settings, user: User, token: str, inviter: str, organisation: str) -> None:
    lang = user.language
    body = gettext(lang, "invite_mail").format(
        name=user.name,
        inviter=inviter,
        organisation=organisation,
        link=link(settings, "set_password", lang, f"?token={token}"),
    )
    mail.send(settings, user.email, gettext(lang, "Your invitation to the virtual resource centre 8.7"), body)


def send_password_link(settings: Settings, user: User, token: str) -> None:
    lang = user.language
    body = gettext(lang, "reset_mail").format(
        name=user.name, link=link(settings, "set_password", lang, f"?token={token}")
    )
    mail.send(settings, user.email, gettext(lang, "Choose a password for the virtual resource centre 8.7"), body)


def send_password_changed(settings: Settings, user: User) -> None:
    """Tell the person their password changed, in case it was not them."""
    lang = user.language
    body = gettext(lang, "password_changed_mail").format(name=user.name, link=link(settings, "forgot", lang))
    mail.send(settings, user.email, gettext(lang, "Your password was changed"), body)


def active_people(session: Session, organisation_id: int) -> list[User]:
    query = select(User).where(
        User.organisation_id == organisation_id, User.disabled_at.is_(None), User.password_hash.is_not(None)
    )
    return list(session.scalars(query))
