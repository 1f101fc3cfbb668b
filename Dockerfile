# syntax=docker/dockerfile:1
# crv API image: `crv serve`, `crv sync` and the one-shot `crv db upgrade / content load / index rebuild` all run
# from it (see compose.yaml and docs/production.md).

# --- build: install the project and its pinned dependencies into a virtualenv -------------------------------
FROM python:3.11-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
# requirements.lock pins every runtime dependency and all of theirs (written by scripts/lock.py): exactly those are
# installed, nothing is resolved at build time, so two builds of one commit hold the same packages. `pip check`
# fails the build when the lock lacks a dependency or disagrees with a pin of pyproject.toml.
COPY requirements.lock ./
RUN pip install --no-deps --requirement requirements.lock
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install --no-deps . && pip check

# --- runtime: the virtualenv, the migrations and the content, as an unprivileged user -----------------------
FROM python:3.11-slim AS runtime

# app/migrations.py finds alembic.ini and migrations/ next to the `app` package, and the wheel only ships `app`:
# PYTHONPATH puts the copy in /app (with alembic.ini and migrations/ beside it) ahead of the installed one.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    CRV_CONTENT_DIR=/app/content \
    CRV_ILAB_DATA_DIR=/app/data/ilab-2022 \
    CRV_HOST=0.0.0.0 \
    CRV_PORT=8000

RUN groupadd --system --gid 10001 crv \
    && useradd --system --uid 10001 --gid crv --home-dir /app --no-create-home --shell /usr/sbin/nologin crv

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
COPY app ./app
COPY content ./content
COPY data ./data
# var/ is the only writable place (the embedded engine's index and SQLite when no database URL is given).
RUN mkdir -p /app/var && chown crv:crv /app/var

USER crv
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["crv", "serve", "--host", "0.0.0.0"]
