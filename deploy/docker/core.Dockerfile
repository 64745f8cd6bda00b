# syntax=docker/dockerfile:1
# The TuringCore core: `turingcore serve` (the API, the default command) and
# `turingcore migrate` (the schema), one image for both.
#   docker build -f deploy/docker/core.Dockerfile -t turingcore/core:0.1.0 .   # from the repo root
#   docker run -p 8080:8080 -e TURINGCORE_ADMIN_KEY=... turingcore/core:0.1.0  # embedded SQLite
# On PostgreSQL set TURINGCORE_DATABASE_URL (docs/production-store.md, deploy/compose.yaml).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# The uv that scripts/setup pins; the lock file pins everything else.
ARG UV_VERSION=0.13.9
ENV UV_PYTHON_DOWNLOADS=never \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv
RUN python -m pip install --no-cache-dir --disable-pip-version-check "uv==${UV_VERSION}"
WORKDIR /src
# Third-party dependencies first, from the lock and the workspace manifests only, so a code
# change does not reinstall them.
COPY pyproject.toml uv.lock ./
COPY core/pyproject.toml core/pyproject.toml
COPY client/pyproject.toml client/pyproject.toml
COPY twin/pyproject.toml twin/pyproject.toml
RUN uv sync --frozen --no-dev --package turingcore --no-install-workspace --python python3
COPY core/src core/src
# Non-editable: the runtime stage copies the virtualenv alone, without the sources.
RUN uv sync --frozen --no-dev --package turingcore --no-editable --python python3

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 turingcore \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
       --home-dir /var/lib/turingcore --shell /usr/sbin/nologin turingcore \
    && install -d -o 10001 -g 10001 /var/lib/turingcore
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER 10001:10001
WORKDIR /var/lib/turingcore
# The embedded store and, on either store, access.log and commands.log.
VOLUME ["/var/lib/turingcore"]
EXPOSE 8080
# Ready = store reachable and schema current; urlopen raises (exit 1) on a 503.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health/ready', timeout=2)"]
ENTRYPOINT ["turingcore"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--data-dir", "/var/lib/turingcore"]
