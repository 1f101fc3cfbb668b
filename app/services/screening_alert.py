"""From a screening to monitoring: the results page offers the email alert (:mod:`app.routers.alerts`) of the
countries the list names, so that a buyer hears of the centre's new resources about them.

Only the countries go into the alert's address, never a supplier's name, reference or product: the list itself is
never stored (:mod:`app.services.screening_page`), and an alert is kept with its search until its reader stops it.
The alert form takes at most :data:`~app.filters.MAX_FILTER_VALUES` values of a filter: a list naming more
countries is told so instead of being offered a link the form would refuse."""

from dataclasses import dataclass

from app.filters import MAX_FILTER_VALUES, FilterField
from app.paths import alert_path
from app.schemas.screening import ScreeningResult


@dataclass(frozen=True, slots=True)
class CountriesAlert:
    """The alert of a list's countries: how many, and the alert form's address ("" when they are too many)."""

    count: int
    url: str
    limit: int = MAX_FILTER_VALUES


def countries_alert(result: ScreeningResult, language: str) -> CountriesAlert | None:
    """The alert of every country the screening recognised in the list (its codes sorted, each once, ORed), in
    ``language``; ``None`` when it recognised none."""
    codes = sorted({line.country.code for line in result.lines if line.country is not None})
    if not codes:
        return None
    if len(codes) > MAX_FILTER_VALUES:
        return CountriesAlert(len(codes), "")
    return CountriesAlert(len(codes), alert_path(language, **{FilterField.country.value: codes}))
