"""What the publishing and review routes share: a call on one partner's resource (the unit of work, the
taxonomies) and its answer, the resource with its ETag, never kept by a shared cache. Who may call is declared by
each route (``WriterKey``, ``ReviewerKey``), and so is ``If-Match`` on the writes. A write the centre's editors or
the organisation's people are told of is mailed as the pages mail it (:mod:`app.web.notifications`), whatever the
channel."""

from typing import Annotated, Literal

from fastapi import Depends, Response

from app.deps import PrincipalDep, SessionDep, SettingsDep, TaxonomiesDep
from app.models import Resource, RevisionState
from app.schemas.publishing import ManagedResource
from app.services import publishing
from app.services.principal import Principal
from app.web import notifications

# What a write did that someone is mailed about: submitted or withdrawn (to the editors), an editor's decision (to
# the organisation's people).
Told = Literal["submitted", "withdrawn"] | notifications.Decision


class ResourceCall:
    def __init__(
        self,
        principal: PrincipalDep,
        session: SessionDep,
        settings: SettingsDep,
        taxonomies: TaxonomiesDep,
        response: Response,
    ) -> None:
        self.principal, self.session, self.settings = principal, session, settings
        self.base_url, self.taxonomies, self.response = settings.public_base_url, taxonomies, response

    def answer(
        self, resource: Resource, *, as_owner: bool = True, told: Told | None = None, reason: str | None = None
    ) -> ManagedResource:
        """The resource as its owner names it (its public id), or as the editors do (where it is stored); ``told``:
        what the write did, mailed (with the editor's ``reason``) once it is committed."""
        self.response.headers["ETag"] = publishing.etag(resource)
        self.response.headers["Cache-Control"] = "private, no-store"
        owner = self.principal if as_owner else None
        answer = publishing.to_managed(self.session, [resource], self.base_url, owner=owner)[0]
        if told is not None:
            self._tell(resource.id, told, reason)
        return answer

    def in_review(self, key: Principal, resource_id: str) -> bool:
        """Whether ``key``'s own resource waits for the editors: a new revision written now takes it back from them,
        as saving it in the portal does, and they are told."""
        resource = publishing.find(self.session, key, resource_id)
        if resource is None or not publishing.owns(key, resource):
            return False  # the write answers why
        return publishing.own_latest(self.session, resource).state == RevisionState.submitted

    def _tell(self, resource_id: str, told: Told, reason: str | None) -> None:
        """Commit now (the session dependency would only after the route returns), so nobody is told of a write a
        failed commit undid; then mail (a mail that cannot go is logged by :mod:`app.mail`, never an error answer)."""
        self.session.commit()
        if told == "submitted":
            notifications.submitted(self.session, self.settings, resource_id)
        elif told == "withdrawn":
            notifications.withdrawn(self.session, self.settings, resource_id)
        else:
            notifications.decided(self.session, self.settings, resource_id, told, reason)


Call = Annotated[ResourceCall, Depends()]
