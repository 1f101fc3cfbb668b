"""The error of the ILAB readers."""


class IlabDataError(ValueError):
    """A file of data/ilab-2022 is missing or holds a value this reader does not know."""
