"""Mails about resources: to the centre's editors when a resource is submitted (and to the person who submitted
it, what happens next) or withdrawn from review (the editors who chose so on their account page, else the centre's
contact address), to the organisation's people when an editor decides or takes a resource off the site (a
publication with no version in the other language offers them to write one). Sent after the change is committed,
whatever the channel it came through: the portal's and the desk's pages, or the API (and ``crv review``, which
calls it)."""

from typing import Literal

from sqlalchemy.orm import Session

from app import mail
from app.config import Settings
from app.i18n import N_, gettext
from app.languages import other_language
from app.models import Resource
from app.services import accounts, jsonld, publishing, review, translations_of
from app.services.publishing import public_id
from app.services.publishing.changes import LABELS
from app.services.publishing.queries import submitted_histories
from app.services.resources import resource_url
from app.web.mails import active_people, link

# The mails to the editors, by what happened: (subject, body to an editor, body to the centre's contact address).
EDITOR_MAILS = {
    "submitted": (
        N_("To review: %(title)s"),
        N_("Hello %(name)s,\n\n%(publisher)s submitted “%(title)s” for review.\n\nCompare and decide:\n%(link)s\n"),
        N_("Hello,\n\n%(publisher)s submitted “%(title)s” for review.\n\nCompare and decide:\n%(link)s\n"),
    ),
    # a first submission: nothing published nor sent back to compare it with (the desk's page shows it alone)
    "submitted_new": (
        N_("To review: %(title)s"),
        N_("Hello %(name)s,\n\n%(publisher)s submitted “%(title)s” for review.\n\nRead it and decide:\n%(link)s\n"),
        N_("Hello,\n\n%(publisher)s submitted “%(title)s” for review.\n\nRead it and decide:\n%(link)s\n"),
    ),
    "withdrawn": (
        N_("Withdrawn from review: %(title)s"),
        N_(
            "Hello %(name)s,\n\n%(publisher)s withdrew “%(title)s” from review: it no longer waits for a decision, "
            "and will come back to the desk if it is submitted again.\n\nIts page on the desk:\n%(link)s\n"
        ),
        N_(
            "Hello,\n\n%(publisher)s withdrew “%(title)s” from review: it no longer waits for a decision, and will "
            "come back to the desk if it is submitted again.\n\nIts page on the desk:\n%(link)s\n"
        ),
    ),
}
# Why the contact address got an editors' mail, and where an editor turns them back on.
NO_EDITOR_TOLD = N_(
    "No editor of the centre could be told (none has an active account, each chose on their account page not to "
    "be mailed about submissions, or their mails were refused), so this mail comes to the centre's contact "
    "address. An editor chooses on their account page:\n%(account)s\n"
)


def submitted(session: Session, settings: Settings, resource_id: str) -> int:
    """Tell the editors (a first submission or a resubmission) and the person who submitted."""
    resource = session.get(Resource, resource_id)
    if resource is None:
        return 0
    return _tell_editors(session, settings, resource, "submitted") + _submission_received(session, settings, resource)


def _submission_received(session: Session, settings: Settings, resource: Resource) -> int:
    """Tell the person who submitted ``resource`` that the editors have it and what comes next (nobody when an API
    key did: its caller has the answer)."""
    person = accounts.submitter(session, resource.id)
    if person is None:
        return 0
    lang = person.language
    body = gettext(
        lang,
        "Hello %(name)s,\n\nYou submitted “%(title)s” to the centre's editors. They review it against the criteria "
        "of the publish page, then publish it or send it back to you saying what to change: either way, you will "
        "get a mail.\n\nIts page in the portal:\n%(link)s\n",
        name=person.name,
        title=resource.title,
        link=link(settings, "resource", lang, f"/{public_id(resource)}"),
    )
    subject = gettext(lang, "Submitted for review: %(title)s", title=resource.title)
    return int(mail.send(settings, person.email, subject, body))


def withdrawn(session: Session, settings: Settings, resource_id: str) -> int:
    """Tell the editors that a submission was withdrawn by its organisation: it no longer waits for them. They were
    mailed about it, whatever the channel it came through (the portal, an API key)."""
    resource = session.get(Resource, resource_id)
    if resource is None:
        return 0
    return _tell_editors(session, settings, resource, "withdrawn")


def _tell_editors(
    session: Session, settings: Settings, resource: Resource, what: Literal["submitted", "withdrawn"]
) -> int:
    """Mail the editors who chose to be told of each submission, each in their language; when none could be (none
    wants it, none has an active account, or every mail was refused), the centre's contact address, in the
    resource's language: a submission never waits unseen. How many were told."""
    subject, to_editor, to_contact = EDITOR_MAILS["submitted_new" if _first(session, resource, what) else what]
    told = {"publisher": jsonld.publisher_of(session, resource)[0], "title": resource.title}  # its organisation's name
    sent = 0
    for editor in accounts.reviewers_to_mail(session):
        lang = editor.language
        body = gettext(lang, to_editor, name=editor.name, link=f"{link(settings, 'desk', lang)}/{resource.id}", **told)
        sent += mail.send(settings, editor.email, gettext(lang, subject, title=resource.title), body)
    if sent:
        return sent
    lang = resource.language
    body = gettext(lang, to_contact, link=f"{link(settings, 'desk', lang)}/{resource.id}", **told)
    body += "\n" + gettext(lang, NO_EDITOR_TOLD, account=link(settings, "account", lang))
    return int(mail.send(settings, settings.contact_email, gettext(lang, subject, title=resource.title), body))


def _first(session: Session, resource: Resource, what: str) -> bool:
    """Whether a submission has nothing to compare with: neither a published version nor one sent back (the
    baseline of the desk's page, :func:`app.services.review.baseline`)."""
    if what != "submitted":
        return False
    history = submitted_histories(session, [resource.id])[resource.id]
    return bool(history) and review.baseline(history, history[-1].number) is None


# An editor's decision, told to the organisation's people: (subject, body) by decision; a resource declined before
# it was ever published (closed for good) is told apart from the declined changes of a published one.
DECISION_MAILS = {
    "approve": (
        N_("Published: %(title)s"),
        N_("Hello %(name)s,\n\n“%(title)s” is published. Thank you for your contribution.\n\nPublic page:\n%(link)s\n"),
    ),
    "send_back": (
        N_("To be revised: %(title)s"),
        N_(
            "Hello %(name)s,\n\nThe editors ask you to revise “%(title)s”.\n\nReason:\n%(reason)s\n\n"
            "Change it, then submit it again:\n%(link)s\n"
        ),
    ),
    "decline": (
        N_("Will not be published: %(title)s"),
        N_(
            "Hello %(name)s,\n\nThe editors have declined “%(title)s”: it will not be published, and it cannot be "
            "submitted again.\n\nReason:\n%(reason)s\n\nTo propose something else, create a new resource in the "
            "portal. Its page in the portal:\n%(link)s\n"
        ),
    ),
    "decline_change": (
        N_("Changes not published: %(title)s"),
        N_(
            "Hello %(name)s,\n\nThe editors have declined your changes to “%(title)s”: they will not be published, "
            "and what was published before stays as it is. These changes cannot be submitted again as they are."
            "\n\nReason:\n%(reason)s\n\nIts page in the portal:\n%(link)s\n"
        ),
    ),
    "unpublish": (
        N_("Taken off the site: %(title)s"),
        N_(
            "Hello %(name)s,\n\nThe editors have taken “%(title)s” off the public site: its page is gone and search "
            "no longer finds it.\n\nReason:\n%(reason)s\n\nTo publish it again, change it, then submit it again:"
            "\n%(link)s\n"
        ),
    ),
}
# Added to the approval's mail when the editors corrected the submission before approving it: which fields, and
# where to read what they changed (its page in the portal compares the revisions), before translating it, say.
CORRECTED = N_(
    "Before publishing it, the editors corrected these fields: %(fields)s. What they changed is on its page in the "
    "portal:\n%(link)s"
)
# Added to the sending back's mail when the editors corrected the submission before sending it back: their
# corrections are in the version its organisation revises (the portal's form starts from it).
CORRECTED_SENT_BACK = N_(
    "Before sending it back, the editors corrected these fields: %(fields)s. Their corrections are in the version "
    "you revise; what they changed is on its page in the portal:\n%(link)s"
)
# Added to the approval's mail when the resource has no version in the other language (by the language it lacks):
# the portal's form of its translation, which starts from it and keeps the two linked.
OFFER_TRANSLATION = {
    "en": N_(
        "It has no English version yet. To reach English-speaking readers too, offer one: this form starts it from "
        "the French version and links the two:\n%(link)s"
    ),
    "fr": N_(
        "It has no French version yet. To reach French-speaking readers too, offer one: this form starts it from "
        "the English version and links the two:\n%(link)s"
    ),
}
Decision = Literal["approve", "send_back", "decline", "unpublish"]


def decided(session: Session, settings: Settings, resource_id: str, decision: Decision, reason: str | None) -> int:
    """Tell the organisation's people; an approval or a sending back names the fields the editors corrected before
    it, if any, and an approval offers a translation when the resource has no version in the other language."""
    resource = session.get(Resource, resource_id)
    if resource is None or resource.organisation_id is None:
        return 0
    told_corrections = {"approve": CORRECTED, "send_back": CORRECTED_SENT_BACK}
    correction = review.latest_correction(session, resource.id) if decision in told_corrections else None
    corrected = correction.fields() if correction is not None else []
    untranslated = decision == "approve" and not translations_of.exists(session, resource)
    sent = 0
    closed = decision == "decline" and publishing.closed_by(session, resource) is not None
    mails = "decline_change" if decision == "decline" and not closed else decision
    subject, body = DECISION_MAILS[mails]
    for person in active_people(session, resource.organisation_id):
        lang = person.language
        if decision == "approve":
            page = resource_url(settings.public_base_url, resource.language, resource.slug)
        else:  # the portal's page of the resource, as its organisation names it
            page = link(settings, "resource", lang, f"/{public_id(resource)}")
        text = gettext(lang, body, name=person.name, title=resource.title, reason=reason or "", link=page)
        if corrected:
            fields = ", ".join(gettext(lang, LABELS[name]).lower() for name in corrected)
            portal = link(settings, "resource", lang, f"/{public_id(resource)}")
            text += "\n" + gettext(lang, told_corrections[decision], fields=fields, link=portal) + "\n"
        if untranslated:
            form = link(settings, "new", lang, f"?translation_of={public_id(resource)}")
            text += "\n" + gettext(lang, OFFER_TRANSLATION[other_language(resource.language)], link=form) + "\n"
        sent += mail.send(settings, person.email, gettext(lang, subject, title=resource.title), text)
    return sent
