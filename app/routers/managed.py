"""What the publishing and review routes share: a call on one partner's resource (the unit of work, the
taxonomies) and its answer, the resource with its ETag, never kept by a shared cache. Who may call is declared by
each route (``WriterKey``, ``ReviewerKey``), and so is ``If-Match`` on the writes."""

from typing import Annotated

from fastapi import Depends, Response

from app.deps import PrincipalDep, SessionDep, SettingsDep, TaxonomiesDep
from app.models import Resource
from app.schemas.publishing import ManagedResource
from app.services import publishing


class ResourceCall:
    def __init__(
        self,
        principal: PrincipalDep,
        session: SessionDep,
        settings: SettingsDep,
        taxonomies: TaxonomiesDep,
        response: Response,
    ) -> None:
        self.principal, self.session = principal, session
        self.base_url, self.taxonomies, self.response = settings.public_base_url, taxonomies, response

    def answer(self, resource: Resource, *, as_owner: bool = True) -> ManagedResource:
        """The resource as its owner names it (its public id), or as the editors do (where it is stored)."""
        self.response.headers["ETag"] = publishing.etag(resource)
        self.response.headers["Cache-Control"] = "private, no-store"
        owner = self.principal if as_owner else None
        return publishing.to_managed(self.session, [resource], self.base_url, owner=owner)[0]


Call = Annotated[ResourceCall, Depends()]
