"""The editor's desk: queue, the submission beside the published version with the diff, approve and reject with
mails to the organisation, the audit trail; the public page credits the organisation and shows the licence."""

import html
import re

import httpx
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role
from tests.web.helpers import Mailbox, csrf_of, make_person, sign_in, signed_in
from tests.web.test_portal import GOOD, NEW

RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"


def submit_one(client: TestClient, **changes: object) -> None:
    page = client.get(NEW)
    response = client.post(
        NEW, data={"csrf_token": csrf_of(page), **dict(GOOD, action="submit", **changes)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


def test_the_editor_compares_approves_and_the_organisation_is_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    assert "attend une relecture" not in editor.get("/fr/espace-partenaire").text
    submit_one(partner)
    # The portal, where a person lands, tells an editor what waits; not a partner.
    assert "1 soumission attend une relecture</a>" in editor.get("/fr/espace-partenaire").text
    assert "attend une relecture" not in partner.get("/fr/espace-partenaire").text
    queue = editor.get("/fr/redaction")
    assert queue.status_code == 200 and "Suivi communautaire" in queue.text and "nouvelle" in queue.text
    # the organisation and the language by their names, as people say them (the codes meant nothing)
    assert 'data-label="Langue\u00a0: ">Français</td>' in queue.text
    assert 'data-label="Organisation\u00a0: ">Ong A</td>' in queue.text
    # its state beside its title (a card a row on a phone: no column of states off-screen), no blank header
    assert re.search(r'Suivi communautaire[^<]*</a> <span class="state">nouvelle</span></td>', queue.text)
    assert "<th></th>" not in queue.text and 'class="list cards"' in queue.text
    # the desk is not the site's « Publier »: its own entry in the account bar is the current one
    for page in (queue, editor.get(f"/fr/redaction/{RID}")):
        assert re.findall(r'<a href="([^"]+)" aria-current="page">', page.text) == ["/fr/redaction"]
    item = editor.get(f"/fr/redaction/{RID}")
    assert item.status_code == 200
    # a first publication: the submission alone, the whole width, no empty « published version » column
    assert (
        "Version soumise" in item.text and "Version publiée" not in item.text and "Pas encore publiée" not in item.text
    )
    assert '<dl class="changes">' not in item.text  # a first submission: nothing to compare with, no sea of green
    assert "<h2>Modifications</h2>" not in item.text and "Sa première soumission" not in item.text
    assert item.text.count('class="state first-publication"') == 1  # « Première publication », once
    # each source's site beside its title, seen without hovering the link
    assert '>ICI, CLMRS</a> <span class="muted source-domain">(example.org)</span></li>' in item.text
    assert "Organisation\u00a0: Ong A" in item.text  # the organisation's name, not its slug
    assert "<dt>Pays</dt><dd>Côte d’Ivoire</dd>" in item.text and "<dt>Secteurs</dt><dd>Cacao</dd>" in item.text
    assert "</span>\n<span" not in item.text  # one line of the diff a line (a newline and a block doubled them)
    # Before approving: what the submission shows of the publish page's criteria, then what only a person can tell.
    checks = re.sub(r"<[^>]+>", "", item.text.split('<ul class="checks">')[1].split("</ul>")[0])
    assert "Respecté : Elle indique les pays, secteurs ou risques qu’elle couvre." in checks
    assert "☐" not in item.text and "sources disent" not in checks  # no box that looks tickable and is not
    judged = item.text.split('<p id="judge-title"><strong>À vérifier par vous :</strong></p>')[1].split("</ul>")[0]
    assert '<ul class="judge" aria-labelledby="judge-title">' in judged
    assert "<li>Ses sources disent bien ce qu’elle affirme.</li>" in judged and "<input" not in judged
    version = item.text.split('name="version" value="')[1].split('"')[0]
    empty = editor.post(
        f"/fr/redaction/{RID}/reject", data={"csrf_token": csrf_of(item), "version": version, "reason": " "}
    )
    assert empty.status_code == 422 and "Un motif est nécessaire." in empty.text
    rejected = editor.post(
        f"/fr/redaction/{RID}/reject",
        data={"csrf_token": csrf_of(item), "version": version, "reason": "Citez le rapport de 2023."},
        follow_redirects=False,
    )
    assert rejected.status_code == 303
    [_submitted, mail] = mailbox.to("awa@ong-a.org")  # her submission's acknowledgement, then the decision
    assert str(mail["Subject"]).startswith("À reprendre") and "Citez le rapport de 2023." in mailbox.body(mail)
    assert mailbox.link("awa@ong-a.org") == f"/fr/espace-partenaire/ressources/{RID}"  # the portal's page
    listing = partner.get("/fr/espace-partenaire")
    resources = listing.text.split("<table")[1].split("</table>")[0]  # not the legend of the states under it
    assert "refusée" not in resources and "Citez le rapport de 2023." in resources
    # the state says what to do next, as the mail does (« À reprendre »)
    assert '<span class="state">changes requested</span>' in partner.get("/en/partner").text

    page = partner.get(f"/fr/espace-partenaire/ressources/{RID}")
    again = partner.post(
        f"/fr/espace-partenaire/ressources/{RID}",
        data={
            "csrf_token": csrf_of(page),
            "version": page.text.split('name="version" value="')[1].split('"')[0],
            **dict(GOOD, action="submit", body="## Démarche\n\nSelon le rapport 2023, des agents visitent.\n"),
        },
        follow_redirects=False,
    )
    assert again.status_code == 303, again.text
    item = editor.get(f"/fr/redaction/{RID}")
    # Compared with the revision sent back, not with nothing: only what changed since, by field, with the reason.
    changes = item.text.split('<dl class="changes">')[1].split("</dl>")[0]
    assert re.findall(r"<dt>(.*?)</dt>", changes) == ["Texte de la page"]
    # each line added or removed says so in words, as screen readers do not say <ins> and <del> (web/_changes.html)
    added = '<ins><span class="visually-hidden">En plus\u00a0: </span><span aria-hidden="true">+</span>'
    removed = '<del><span class="visually-hidden">En moins\u00a0: </span><span aria-hidden="true">-</span>'
    assert f"{added}Selon le rapport 2023, des agents visitent.</ins>" in changes
    assert f"{removed}Des agents visitent les ménages.</del>" in changes
    assert "Citez le rapport de 2023." in item.text.split("<h2>Modifications</h2>")[1].split("<dl")[0]
    # the partner's « ## » sits under the version's title (an H3), not level with the page's sections
    assert re.search(r'<div class="body" lang="fr">\s*<h4>Démarche</h4>', item.text)
    # the audit trail as people read it: what happened, who did it for which organisation, why it was sent back
    trail = [
        re.sub(r"<[^>]+>", " ", row).split()
        for row in re.findall(r'<tr><td><time datetime="[-\dT:]+Z">[^<]+</time></td>(.*?)</tr>', item.text)
    ]
    assert [" ".join(row) for row in trail] == [
        "Soumise à relecture 2 Awa (Ong A)",
        "Modifiée 2 Awa (Ong A)",
        # the centre in the page's language, whatever its row says; split() cuts at « \u00a0 »
        "Renvoyée à l’organisation Motif : Citez le rapport de 2023. 1 Redac (Centre de ressources virtuel 8.7)",
        "Soumise à relecture 1 Awa (Ong A)",
        "Créée 1 Awa (Ong A)",
    ]
    version = item.text.split('name="version" value="')[1].split('"')[0]
    approved = editor.post(
        f"/fr/redaction/{RID}/approve", data={"csrf_token": csrf_of(item), "version": version}, follow_redirects=False
    )
    assert approved.status_code == 303
    assert approved.headers["location"] == f"/fr/redaction?notice=approved&item={RID}"
    mail = mailbox.to("awa@ong-a.org")[-1]
    assert str(mail["Subject"]).startswith("Publiée")
    public_url = mailbox.link("awa@ong-a.org")
    public = TestClient(web.app).get(public_url)
    assert public.status_code == 200
    listing = partner.get("/fr/espace-partenaire").text  # the partner reaches the public page from the list
    assert f'<a href="http://testserver{public_url}">Page publique<span class="visually-hidden">\u00a0:' in listing
    assert '<td data-label="Langue\u00a0: ">Français</td>' in listing  # named in the page's language
    assert '<a href="https://ong-a.example.org" rel="noopener">Ong A</a>' in public.text
    deed = '<a href="https://creativecommons.org/licenses/by/4.0/deed.fr" rel="license">'
    assert deed + "CC BY 4.0 — réutilisation libre, en citant la source</a></dd>" in public.text  # named, to its deed
    import json

    ld = json.loads(public.text.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["publisher"] == {"@type": "Organization", "name": "Ong A", "url": "https://ong-a.example.org"}


def test_a_contributor_cannot_approve_nor_open_the_desk(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    partner = TestClient(web.app)
    sign_in(partner, "awa@ong-a.org")
    submit_one(partner)
    assert partner.get("/fr/redaction").status_code == 403
    assert partner.get(f"/fr/redaction/{RID}").status_code == 403
    token = csrf_of(partner.get("/fr/espace-partenaire"))
    for decision in ("approve", "reject"):
        response = partner.post(
            f"/fr/redaction/{RID}/{decision}", data={"csrf_token": token, "version": "2", "reason": "x"}
        )
        assert response.status_code == 403
    assert "soumise" in partner.get("/fr/espace-partenaire").text


def test_the_editor_is_told_when_a_submissions_id_was_published_by_another_organisation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    bob = signed_in(web, session_factory, "ong-b", "bob@ong-b.org")
    editor = signed_in(web, session_factory, "crv", "redac@crv.org", Role.editor)
    submit_one(alice)
    submit_one(bob)  # the same translation key and slug: neither learns of the other
    queue = editor.get("/fr/redaction").text
    assert f"/fr/redaction/{RID}~ong-b" in queue and f'/fr/redaction/{RID}"' in queue

    def decide(resource_id: str) -> httpx.Response:
        item = editor.get(f"/fr/redaction/{resource_id}")
        version = item.text.split('name="version" value="')[1].split('"')[0]
        return editor.post(
            f"/fr/redaction/{resource_id}/approve",
            data={"csrf_token": csrf_of(item), "version": version},
            follow_redirects=False,
        )

    assert decide(f"{RID}~ong-b").status_code == 303
    refused = decide(f"{RID}~ong-a")  # alice's moved to her organisation's namespace
    assert refused.status_code == 409  # said in the editor's language: what is in the way, what to ask of whom
    key = RID.removesuffix(".fr")
    assert (
        f"Rien n’a été publié\u00a0: sa clé de traduction «\u00a0{key}\u00a0» est déjà utilisée par la ressource "
        f"publiée {RID} (ong-b). Renvoyez-la à ong-a en demandant une autre clé de traduction."
    ) in html.unescape(refused.text)
    assert "Suivi communautaire" in alice.get(f"/fr/espace-partenaire/ressources/{RID}").text
