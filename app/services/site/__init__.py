"""The public site (``/fr/…``, ``/en/…``): what each page template needs, already in the page's language."""
