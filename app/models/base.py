"""Declarative base with a naming convention, so migrations name constraints predictably, and the column types
every model shares."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, DateTime, Dialect, Enum, MetaData
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp, always timezone-aware UTC in Python: stored ``WITH TIME ZONE`` where the database has it, and
    read back aware on SQLite too (which returns naive UTC). The only place that fixes naive datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)  # naive means UTC

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum: type[StrEnum], length: int) -> Enum:
    """A column of ``enum``'s values: read back as members, a value outside the enum refused before it reaches the
    database. Stored as VARCHAR(length) (no database enum type, so adding a member needs no migration)."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )


class usually_true(FunctionElement[bool]):  # named as a SQL function, like those of sqlalchemy.sql.functions
    """A condition most rows meet, told to SQLite's planner with its ``likely()``; the condition itself elsewhere.

    SQLite keeps no statistics unless asked to (ANALYZE), and then takes any equality on an indexed column for a
    selective one: given ``status = 'published'`` beside ``id IN (…)`` or ``translation_key = …``, it walked every
    published resource through the status index (at 100k resources, 110-150 ms a query instead of 0.1-5)."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, condition: ColumnElement[bool]) -> None:
        super().__init__(condition)


@compiles(usually_true)
def _condition(element: usually_true, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})"


@compiles(usually_true, "sqlite")
def _likely(element: usually_true, compiler: SQLCompiler, **kw: Any) -> str:
    return f"likely({compiler.process(element.clauses, **kw)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
