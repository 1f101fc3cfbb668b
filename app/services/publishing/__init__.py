"""Partners' resources through the API: drafts, revisions, submission (and its withdrawal), archiving — and who
may see what.

Rules:

* A resource written through the API belongs to the organisation of the key that created it (``publisher`` is
  that organisation's slug). Only a secret key of that organisation with ``resources:write`` may change, submit or
  see it before publication. To anyone else an unpublished resource does not exist (404); a published one may be
  read but not changed (403).
* Every edit is a new revision (:class:`~app.models.ResourceRevision`) holding the full data. Until its first
  publication the ``resources`` row mirrors the latest revision, in its organisation's namespace: it claims its
  public id and slug only when first published, so other organisations never learn of it
  (:mod:`.identity`); after that the row only changes when an editor approves a revision
  (:mod:`app.services.review`), so the published resource stays live while the next revision is written and
  reviewed.
* Every write needs ``If-Match`` with the resource's current ETag (``W/"<version>"``): 428 without it, 412 when
  it is stale. Every write bumps ``Resource.version`` (SQLAlchemy's version counter), so two editors never
  silently overwrite each other, even when they race past the check.
* Every change is written to the audit log.

The package: :mod:`.access` (who may see and change what), :mod:`.identity` (public ids and slugs: drafts in
their organisation's namespace, claimed at publication), :mod:`.workflow` (the writes), :mod:`.queries` (reads
for owners and editors), :mod:`.views` (read models), :mod:`.translations` (a translation's type is its
original's) and :mod:`.changes` (what changed between two revisions, as a person reads it). ETags, ``If-Match``
and the body limit are HTTP mechanics, in :mod:`app.http`.
"""

from app.schemas.publishing import DATA_FIELDS
from app.services.publishing.access import (
    NOT_FOUND,
    get_visible,
    history_visible,
    is_reviewer,
    owns,
    was_submitted,
    writable,
)
from app.services.publishing.changes import Change, compare
from app.services.publishing.identity import PublishedInTheWay, check_slug_free, claim, find, public_id
from app.services.publishing.queries import (
    compared,
    diff,
    get_own,
    latest_revision,
    list_own,
    own_latest,
    revision,
    revisions,
)
from app.services.publishing.translations import original_type, type_problems
from app.services.publishing.views import organisation_slugs, revision_detail, revision_read, to_managed
from app.services.publishing.workflow import (
    apply_data,
    apply_revision,
    archive,
    closed_by,
    create,
    data_problems,
    derived_from_title,
    etag,
    flush,
    missing_for_review,
    patch,
    replace,
    require_match,
    slug_after_retitling,
    submit,
    take_down,
    update,
    validate_data,
    withdraw,
)
from app.services.resources import ever_published
from app.services.slugs import slugify

__all__ = [
    "DATA_FIELDS",
    "NOT_FOUND",
    "Change",
    "PublishedInTheWay",
    "apply_data",
    "apply_revision",
    "archive",
    "check_slug_free",
    "claim",
    "closed_by",
    "compare",
    "compared",
    "create",
    "data_problems",
    "derived_from_title",
    "diff",
    "etag",
    "ever_published",
    "find",
    "flush",
    "get_own",
    "get_visible",
    "history_visible",
    "is_reviewer",
    "latest_revision",
    "list_own",
    "missing_for_review",
    "organisation_slugs",
    "original_type",
    "own_latest",
    "owns",
    "patch",
    "public_id",
    "replace",
    "require_match",
    "revision",
    "revision_detail",
    "revision_read",
    "revisions",
    "slug_after_retitling",
    "slugify",
    "submit",
    "take_down",
    "to_managed",
    "type_problems",
    "update",
    "validate_data",
    "was_submitted",
    "withdraw",
    "writable",
]
