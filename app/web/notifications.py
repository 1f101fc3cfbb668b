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
from app.i18n import N_, format_moment, gettext
from app.languages import other_language
from app.models import Resource, ResourceRevision
from app.services import accounts, desk_queue, jsonld, publishing, review, translations_of
from app.services.desk_queue import Kind
from app.services.publishing import public_id
from app.services.publishing.changes import LABELS
from app.services.publishing.queries import submitted_histories
from app.services.resources import resource_url
from app.web.mails import active_people, link

# The mails to the editors, by what happened: (subject, body to an editor, body to the centre's contact address). A
# submission's subject and first sentence say which kind it is (:data:`app.services.desk_queue.KINDS`, the first
# that applies): a resubmission who sent it back and when; a new one has nothing to compare it with (the desk's page
# shows it alone).
EDITOR_MAILS = {
    Kind.new: (
        N_("New resource to review: %(title)s"),
        N_(
            "Hello %(name)s,\n\n%(publisher)s submitted a new resource for review, never published before: "
            "“%(title)s”.\n\nRead it and decide:\n%(link)s\n"
        ),
        N_(
            "Hello,\n\n%(publisher)s submitted a new resource for review, never published before: “%(title)s”."
            "\n\nRead it and decide:\n%(link)s\n"
        ),
    ),
    Kind.update: (
        N_("Update to review: %(title)s"),
        N_(
            "Hello %(name)s,\n\n%(publisher)s submitted changes to “%(title)s”, which is published: its public page "
            "stays as it is until you decide.\n\nCompare and decide:\n%(link)s\n"
        ),
        N_(
            "Hello,\n\n%(publisher)s submitted changes to “%(title)s”, which is published: its public page stays as "
            "it is until an editor decides.\n\nCompare and decide:\n%(link)s\n"
        ),
    ),
    Kind.resubmitted: (
        N_("Resubmitted after being sent back: %(title)s"),
        N_(
            "Hello %(name)s,\n\n%(publisher)s submitted “%(title)s” again, after %(who)s sent it back on %(when)s "
            "(Paris time).\n\nCompare with what was sent back and decide:\n%(link)s\n"
        ),
        N_(
            "Hello,\n\n%(publisher)s submitted “%(title)s” again, after %(who)s sent it back on %(when)s (Paris "
            "time).\n\nCompare with what was sent back and decide:\n%(link)s\n"
        ),
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
    """Tell the editors (a new resource, an update or a resubmission: the mail says which) and the person who
    submitted."""
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
    return int(mail.send(settings, person.email, subject, body, language=lang))


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
    asked = None
    if what == "submitted":
        came = desk_queue.arrival(resource.is_public, submitted_histories(session, [resource.id])[resource.id])
        subject, to_editor, to_contact = EDITOR_MAILS[came.kinds[0]]
        asked = came.asked
    else:
        subject, to_editor, to_contact = EDITOR_MAILS[what]
    told = {"publisher": jsonld.publisher_of(session, resource)[0], "title": resource.title}  # its organisation's name
    sent = 0
    for editor in accounts.reviewers_to_mail(session):
        lang = editor.language
        address = f"{link(settings, 'desk', lang)}/{resource.id}"
        body = gettext(lang, to_editor, name=editor.name, link=address, **told, **_sent_back(session, asked, lang))
        sent += mail.send(settings, editor.email, gettext(lang, subject, title=resource.title), body, language=lang)
    if sent:
        return sent
    lang = resource.language
    address = f"{link(settings, 'desk', lang)}/{resource.id}"
    body = gettext(lang, to_contact, link=address, **told, **_sent_back(session, asked, lang))
    body += "\n" + gettext(lang, NO_EDITOR_TOLD, account=link(settings, "account", lang))
    return int(
        mail.send(settings, settings.contact_email, gettext(lang, subject, title=resource.title), body, language=lang)
    )


def _sent_back(session: Session, asked: ResourceRevision | None, lang: str) -> dict[str, str]:
    """Who sent back ``asked`` (the revision before a resubmission) and when, in ``lang``; nothing when there is
    none."""
    if asked is None or asked.reviewed_at is None:
        return {}
    prefix = asked.reviewer_key_prefix or ""
    who = review.person_names(session, [prefix], lang).get(prefix) or gettext(lang, "API key %(prefix)s", prefix=prefix)
    return {"who": who, "when": format_moment(asked.reviewed_at, lang)}


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
    # its fields are told, not who corrected: any language names them
    correction = (
        review.latest_correction(session, resource.id, resource.language) if decision in told_corrections else None
    )
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
        sent += mail.send(settings, person.email, gettext(lang, subject, title=resource.title), text, language=lang)
    return sent
