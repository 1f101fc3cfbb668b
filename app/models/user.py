"""People: accounts that belong to an organisation with a role, their sessions, one-time links and sign-in attempts.

Secrets are never stored: a session or one-time link token travels to the browser or the mailbox and only its
SHA-256 is kept (they are long random strings, so a fast hash is enough); passwords are argon2id hashes.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from app.languages import Language
from app.models.base import Base, UTCDateTime, enum_column, utcnow


class Role(StrEnum):
    contributor = "contributor"  # writes and submits the organisation's resources
    editor = "editor"  # the centre's editorial team: reviews submissions (only in the centre's organisation)
    admin = "admin"  # a contributor who also invites and manages the organisation's people


class TokenPurpose(StrEnum):
    invite = "invite"  # set a first password
    reset = "reset"  # set a new password


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lowercased
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, 16), default=Role.contributor)
    language: Mapped[Language] = mapped_column(enum_column(Language, 2), default=Language.fr)  # of its mails
    password_hash: Mapped[str | None] = mapped_column(String(200))  # None until the invitation is accepted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the account was erased (app.services.erasure): its row stays, without name, address nor password, for
    # the resources and the audit log that name it by its number.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An editor's choice, on their account page, to be mailed each submission, resubmission and withdrawal (on
    # unless they turn it off: the server default turns it on for the accounts that existed before the choice).
    submission_mails: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class UserSession(Base):
    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    address: Mapped[str | None] = mapped_column(String(64))


class UserToken(Base):
    """A one-time link (invitation or password reset): single use, expiring."""

    __tablename__ = "user_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose, 16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginAttempt(Base):
    """A failed sign-in, counted per account and per address to throttle guessing."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
