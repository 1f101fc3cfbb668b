"""Interface strings of the partners' and editors' pages: English message ids, French translations.

Used as ``gettext(lang, "Sign in")`` in Python and ``{{ _("Sign in") }}`` in templates. A test checks that every
string of the templates and of :mod:`app.web` has its French translation. (These move into the site's gettext
catalogs when they land on main.)
"""

NBSP = "\u00a0"
NNBSP = "\u202f"

FR: dict[str, str] = {
    "Virtual resource centre 8.7": "Centre de ressources virtuel 8.7",
    "Partners' space": "Espace des partenaires",
    "Sign in": "Se connecter",
    "Sign out": "Se déconnecter",
    "Sign out everywhere": "Se déconnecter partout",
    "Email address": "Adresse électronique",
    "Password": "Mot de passe",
    "Confirm the password": "Confirmez le mot de passe",
    "Forgot your password?": f"Mot de passe oublié{NNBSP}?",
    "Send me a link": "M’envoyer un lien",
    "Choose a password": "Choisissez un mot de passe",
    "At least 12 characters. A sentence you remember is a good password.": (
        "Au moins 12 caractères. Une phrase dont vous vous souvenez fait un bon mot de passe."
    ),
    "Save the password": "Enregistrer le mot de passe",
    "This link has expired or was already used. Ask for a new one.": (
        "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau."
    ),
    "If an account has this address, a link to choose a password is on its way. It works for one hour.": (
        "Si un compte correspond à cette adresse, un lien pour choisir un mot de passe vient d’être envoyé. "
        "Il est valable une heure."
    ),
    "Wrong email address or password.": "Adresse électronique ou mot de passe incorrect.",
    "Too many failed sign-ins: wait a few minutes, or reset your password.": (
        f"Trop de tentatives de connexion échouées{NNBSP}: patientez quelques minutes ou réinitialisez votre "
        "mot de passe."
    ),
    "Your password is saved. You are signed in.": "Votre mot de passe est enregistré. Vous êtes connecté·e.",
    "You are signed out on every device.": "Vous êtes déconnecté·e sur tous vos appareils.",
    "Team": "Équipe",
    "People of %(organisation)s": "Membres de %(organisation)s",
    "Invite a person": "Inviter une personne",
    "Name": "Nom",
    "Role": "Rôle",
    "Language of the mails": "Langue des courriels",
    "Invite": "Inviter",
    "contributor": "contributeur·rice",
    "editor": "éditeur·rice",
    "admin": "administrateur·rice",
    "invited": "invité·e",
    "active": "actif·ve",
    "Invitation sent to %(email)s.": "Invitation envoyée à %(email)s.",
    "French": "Français",
    "English": "Anglais",
    "Portal": "Espace partenaire",
    "Editorial desk": "Rédaction",
    "Skip to content": "Aller au contenu",
    "Please correct the fields marked below.": "Corrigez les champs signalés ci-dessous.",
    "Signed in as %(name)s (%(organisation)s)": "Connecté·e en tant que %(name)s (%(organisation)s)",
    "New resource": "Nouvelle ressource",
    "Draft saved.": "Brouillon enregistré.",
    "Submitted: the centre's editors have been told.": "Soumise : l’équipe éditoriale du centre est prévenue.".replace(
        " :", f"{NNBSP}:"
    ),
    "Your organisation's resources": "Les ressources de votre organisation",
    "No resource yet.": "Aucune ressource pour l’instant.",
    "Title": "Titre",
    "Language": "Langue",
    "Type": "Type",
    "State": "État",
    "Editor's reason": "Motif de l’équipe éditoriale",
    "Revision": "Révision",
    "draft": "brouillon",
    "submitted": "soumise",
    "published": "publiée",
    "rejected": "refusée",
    "superseded": "remplacée",
    "withdrawn": "retirée",
    "archived": "archivée",
    "Create": "Créer",
    "Translation key": "Clé de traduction",
    "Shared by the French and English versions; derived from the title when empty.": (
        "Commune aux versions française et anglaise ; déduite du titre si vide."
    ).replace(" ;", f"{NNBSP};"),
    "Address (slug)": "Adresse (slug)",
    "Derived from the title when empty.": "Déduite du titre si vide.",
    "Summary": "Résumé",
    "Plain text, 600 characters at most.": "Texte simple, 600 caractères au plus.",
    "Body (Markdown)": "Corps du texte (Markdown)",
    "Preview": "Aperçu",
    "Countries": "Pays",
    "Regions": "Régions",
    "Sectors": "Secteurs",
    "Risks": "Risques",
    "Audiences": "Publics",
    "Filter…": "Filtrer…",
    "Sources": "Sources",
    "Source title": "Titre de la source",
    "Source address (https://…)": "Adresse de la source (https://…)",
    "Licence": "Licence",
    "Choose a licence": "Choisissez une licence",
    "public-domain": "domaine public",
    "Save the draft": "Enregistrer le brouillon",
    "Save and submit": "Enregistrer et soumettre",
    "Revisions": "Révisions",
    "Compare with the previous one": "Comparer avec la précédente",
    "Translation": "Traduction",
    "Add the English version": "Ajouter la version anglaise",
    "Add the French version": "Ajouter la version française",
    "Open the English version": "Ouvrir la version anglaise",
    "Open the French version": "Ouvrir la version française",
    "Public page": "Page publique",
    "Changes from revision %(base)s to revision %(number)s": (
        "Modifications de la révision %(base)s à la révision %(number)s"
    ),
    "Back": "Retour",
    "form": "formulaire",
    "Waiting for review": "En attente de relecture",
    "Nothing waits for review.": "Rien n’attend de relecture.",
    "Publisher": "Éditeur",
    "Submitted": "Soumise le",
    "new": "nouvelle",
    "update": "mise à jour",
    "Published version": "Version publiée",
    "Submitted version": "Version soumise",
    "Not published yet.": "Pas encore publiée.",
    "Changes": "Modifications",
    "Approve and publish": "Approuver et publier",
    "Reject": "Refuser",
    "Reason, for the organisation": "Motif, pour l’organisation",
    "Audit trail": "Historique",
    "When": "Quand",
    "Action": "Action",
    "Who": "Qui",
    "Published.": "Publiée.",
    "Sent back to its organisation.": "Renvoyée à son organisation.",
    "A reason is required.": "Un motif est nécessaire.",
    "This page cannot be shown": "Cette page ne peut pas être affichée",
    "This form has expired or did not come from this site: reload the page and submit it again.": (
        f"Ce formulaire a expiré ou ne vient pas de ce site{NNBSP}: rechargez la page et envoyez-le de nouveau."
    ),
    "The editor's desk is for the centre's editors.": "La rédaction est réservée à l’équipe éditoriale du centre.",
    "Only an administrator of the organisation manages its people.": (
        "Seul·e un·e administrateur·rice de l’organisation gère ses membres."
    ),
    # mails
    "Your invitation to the virtual resource centre 8.7": "Votre invitation au centre de ressources virtuel 8.7",
    "Choose a password for the virtual resource centre 8.7": (
        "Choisissez un mot de passe pour le centre de ressources virtuel 8.7"
    ),
    "invite_mail": (
        "Bonjour {name},\n\n{inviter} vous invite à publier au nom de {organisation} dans le centre de ressources "
        "virtuel 8.7.\n\nChoisissez votre mot de passe en suivant ce lien (valable 7 jours, une seule fois)"
        f"{NNBSP}:\n{{link}}\n\nSi vous n’attendiez pas ce message, ignorez-le.\n"
    ),
    "reset_mail": (
        "Bonjour {name},\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable une heure, une seule fois)"
        f"{NNBSP}:\n{{link}}\n\nSi vous n’avez rien demandé, ignorez ce message{NBSP}: votre mot de passe reste "
        "inchangé.\n"
    ),
}

FR.update(
    {
        "Your password was changed": "Votre mot de passe a été changé",
        "password_changed_mail": (
            "Bonjour {name},\n\nLe mot de passe de votre compte vient d’être changé et vos autres sessions ont été "
            "fermées.\n\nSi ce n’était pas vous, choisissez-en un nouveau tout de suite"
            f"{NNBSP}:\n{{link}}\n"
        ),
        "To review: %(title)s": f"À relire{NNBSP}: %(title)s",
        "Published: %(title)s": f"Publiée{NNBSP}: %(title)s",
        "To be revised: %(title)s": f"À reprendre{NNBSP}: %(title)s",
        "submitted_mail": (
            "Bonjour {name},\n\n{publisher} a soumis «\u00a0{title}\u00a0» à la relecture.\n\n"
            f"Comparez et décidez{NNBSP}:\n{{link}}\n"
        ),
        "approved_mail": (
            "Bonjour {name},\n\n«\u00a0{title}\u00a0» est publiée. Merci pour votre contribution.\n\n"
            f"Page publique{NNBSP}:\n{{link}}\n"
        ),
        "rejected_mail": (
            "Bonjour {name},\n\nL’équipe éditoriale demande de reprendre «\u00a0{title}\u00a0».\n\n"
            f"Motif{NNBSP}:\n{{reason}}\n\nModifiez-la puis soumettez-la de nouveau{NNBSP}:\n{{link}}\n"
        ),
    }
)

EN: dict[str, str] = {
    "password_changed_mail": (
        "Hello {name},\n\nThe password of your account was just changed and your other sessions were closed."
        "\n\nIf it was not you, choose a new one at once:\n{link}\n"
    ),
    "submitted_mail": "Hello {name},\n\n{publisher} submitted “{title}” for review.\n\nCompare and decide:\n{link}\n",
    "approved_mail": (
        "Hello {name},\n\n“{title}” is published. Thank you for your contribution.\n\nPublic page:\n{link}\n"
    ),
    "rejected_mail": (
        "Hello {name},\n\nThe editors ask you to revise “{title}”.\n\nReason:\n{reason}\n\n"
        "Change it, then submit it again:\n{link}\n"
    ),
    "invite_mail": (
        "Hello {name},\n\n{inviter} invites you to publish for {organisation} in the virtual resource centre 8.7."
        "\n\nChoose your password with this link (valid for 7 days, once):\n{link}\n\n"
        "If you did not expect this message, ignore it.\n"
    ),
    "reset_mail": (
        "Hello {name},\n\nTo choose a new password, follow this link (valid for one hour, once):\n{link}\n\n"
        "If you did not ask for it, ignore this message: your password stays as it is.\n"
    ),
}


def gettext(language: str, message: str, **variables: object) -> str:
    table = FR if language == "fr" else EN
    text = table.get(message, message)
    return text % variables if variables else text
