"""FastAPI dependencies, as ``Annotated`` aliases so routes read like prose."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import session_scope
from app.search.base import SearchEngine
from app.taxonomy import Taxonomies


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back when it raises."""
    yield from session_scope(request.app.state.session_factory)


def get_search_engine(request: Request) -> SearchEngine:
    engine: SearchEngine = request.app.state.search
    return engine


def get_taxonomies(request: Request) -> Taxonomies:
    taxonomies: Taxonomies = request.app.state.taxonomies
    return taxonomies


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
SearchDep = Annotated[SearchEngine, Depends(get_search_engine)]
TaxonomiesDep = Annotated[Taxonomies, Depends(get_taxonomies)]
