"""What the desk shows an editor before approving a submission: the criteria the publish page gives partners
(``site/publish.html``). Those the submitted version itself can tell are checked here; the others are the editor's
to judge, listed as reminders."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.i18n import N_
from app.schemas.publishing import RevisionData
from app.services.publishing.workflow import derived_from_title
from app.services.slugs import slugify
from app.services.validation import FINDABLE_BY


class CheckKind(StrEnum):
    met = "met"
    caution = "caution"  # not a rule broken: something the editor may want changed before publishing
    notice = "notice"  # what publishing will do that the editor should know
    judge = "judge"  # only a person can tell


@dataclass(frozen=True, slots=True)
class Check:
    kind: CheckKind
    message: str  # an English msgid; the page translates it with ``values``
    values: Mapping[str, object] = field(default_factory=dict)


FOR_THE_EDITOR = (
    Check(CheckKind.judge, N_("It is about child labour, forced labour or human trafficking.")),
    Check(CheckKind.judge, N_("Its sources say what it says.")),
    Check(CheckKind.judge, N_("It names no worker, victim or child, and advertises no product or service.")),
)


# A published resource's title corrected, its address still made from the old one: it is cited, so it never
# changes by itself (app.services.review.correct changes only a never-published one's); the editor decides.
STALE_ADDRESS = N_(
    "Its title changed but its address “%(slug)s” is still made from its former title (“%(derived)s” would follow "
    "the new one). It is published and may be cited, so it does not change by itself: change it in the correction "
    "form if it must; the old address will lead to the new."
)


def stale_address(published: Mapping[str, object], submitted: Mapping[str, object]) -> bool:
    """Whether the submitted version of a published resource keeps the address made from the published title while
    its title changed (a typo corrected in the title stays in the address)."""
    return (
        submitted.get("title") != published.get("title")
        and submitted.get("slug") == published.get("slug")
        and derived_from_title(published)
        and not derived_from_title(submitted)
    )


def findable(values: Mapping[str, object]) -> bool:
    """Whether a version (``values``: its fields by name) names a country, sector or risk, by which people narrow
    the search: the desk's check, and the partner form's warning (app.services.portal.Draft.unfindable)."""
    return any(values.get(name) for name in FINDABLE_BY)


def checks(submitted: RevisionData, published: RevisionData | None) -> list[Check]:
    """What the submitted version shows of the criteria, then the reminders."""
    found: list[Check] = []
    if findable(submitted.model_dump(include=set(FINDABLE_BY))):
        found.append(Check(CheckKind.met, N_("It names the countries, sectors or risks it is about.")))
    else:
        found.append(
            Check(
                CheckKind.caution,
                N_("It names no country, sector or risk: people who narrow the search by them will not find it."),
            )
        )
    if submitted.sources:
        found.append(Check(CheckKind.met, N_("Sources cited: %(count)s."), {"count": len(submitted.sources)}))
    else:
        found.append(Check(CheckKind.caution, N_("It cites no source: readers cannot check what it says.")))
    if published is not None and stale_address(published.model_dump(), submitted.model_dump()):
        found.append(
            Check(
                CheckKind.caution,
                STALE_ADDRESS,
                {"slug": submitted.slug, "derived": slugify(submitted.title)},
            )
        )
    if published is not None and published.slug != submitted.slug:
        found.append(
            Check(
                CheckKind.notice,
                N_("Its address changes from “%(old)s” to “%(new)s”: the old one will lead to the new."),
                {"old": published.slug, "new": submitted.slug},
            )
        )
    return found + list(FOR_THE_EDITOR)
