"""Interface strings filled in with names and moments: French elisions made as a name goes in (templates and Python
alike, what goes in still escaped), and instants in the centre's time zone in each language's words."""

from datetime import UTC, date, datetime

from markupsafe import Markup

from app.i18n import CENTRE_TIME_ZONE, centre_today, format_moment, gettext, interpolate, iso_instant
from app.templating import environment

WINTER = datetime(2026, 12, 2, 9, 23, tzinfo=UTC)  # 10:23 in Paris (UTC+1)
SUMMER = datetime(2026, 7, 1, 7, 5, tzinfo=UTC)  # 9:05 in Paris (UTC+2)


def test_moments_are_in_the_centres_time_zone_in_words() -> None:
    assert str(CENTRE_TIME_ZONE) == "Europe/Paris"
    assert format_moment(WINTER, "fr") == "2 déc. 2026, 10\u00a0h\u00a023"
    assert format_moment(WINTER, "en") == "2 Dec 2026, 10:23"
    assert format_moment(SUMMER, "fr") == "1er juil. 2026, 9\u00a0h\u00a005"  # summer time, the first of the month
    assert format_moment(SUMMER, "en") == "1 Jul 2026, 09:05"
    assert format_moment(WINTER.replace(tzinfo=None), "en") == "2 Dec 2026, 10:23"  # naive: UTC
    assert iso_instant(SUMMER) == "2026-07-01T07:05:00Z"


def test_templates_show_a_moment_as_a_time_element() -> None:
    template = environment().from_string("{{ moment(at) }}|{{ moment(none) }}")
    assert template.render(lang="fr", at=WINTER) == (
        '<time datetime="2026-12-02T09:23:00Z">2 déc. 2026, 10\u00a0h\u00a023</time>|'
    )


def test_french_elides_before_a_name_in_python_and_in_templates() -> None:
    assert gettext("fr", "Accept the request of %(organisation)s", organisation="ONG Audit") == (
        "Accepter la demande d’ONG Audit"
    )
    assert gettext("fr", "Role of %(name)s", name="Kofi") == "Rôle de Kofi"
    assert gettext("en", "Accept the request of %(organisation)s", organisation="ONG Audit") == (
        "Accept the request of ONG Audit"
    )
    page = environment().from_string('{{ _("Signed in as %(name)s (%(organisation)s)", name=n, organisation=o) }}')
    assert page.render(lang="fr", n="Élise", o="<ONG>") == "Connecté·e en tant qu’Élise (&lt;ONG&gt;)"
    assert page.render(lang="en", n="Élise", o="ONG") == "Signed in as Élise (ONG)"
    # escaped text stays escaped once elided: what goes in is escaped
    filled = interpolate(Markup("de %(x)s"), {"x": "Awa <i>&</i> Co"}, "fr")
    assert isinstance(filled, Markup) and filled == "d’Awa &lt;i&gt;&amp;&lt;/i&gt; Co"


def test_a_citations_day_is_the_centres_not_utcs() -> None:
    """« consulté le » on a page: at 23:30 UTC on 4 December it is already the 5th in Paris (the 4th in summer
    at 21:30 UTC, 23:30 there)."""
    assert centre_today(datetime(2026, 12, 4, 23, 30, tzinfo=UTC)) == date(2026, 12, 5)
    assert centre_today(datetime(2026, 7, 4, 21, 30, tzinfo=UTC)) == date(2026, 7, 4)
