"""The US DOL ILAB 2022 facts of ``data/ilab-2022/`` as typed Python objects (see :mod:`app.ilab.reader`)."""
