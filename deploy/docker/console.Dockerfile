# syntax=docker/dockerfile:1
# The read-only operator console: `twin console`, reading a tenant through the public API.
#   docker build -f deploy/docker/console.Dockerfile -t turingcore/console:0.1.0 .   # repo root
#   docker run -p 8000:8000 -e TURINGCORE_URL=http://core:8080 -e TURINGCORE_API_KEY=... \
#       turingcore/console:0.1.0 console --host 0.0.0.0 --port 8000 --tenant CU_DIGITAL
# Given a platform:admin key it makes itself a tenant:reader key (revoked when it stops).
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
COPY pyproject.toml uv.lock ./
COPY core/pyproject.toml core/pyproject.toml
COPY client/pyproject.toml client/pyproject.toml
COPY twin/pyproject.toml twin/pyproject.toml
RUN uv sync --frozen --no-dev --package cu-twin --no-install-workspace --python python3
# The console lives in the twin package and talks to the core only through the client:
# the core's code is not in this image.
COPY client/src client/src
COPY twin/src twin/src
RUN uv sync --frozen --no-dev --package cu-twin --no-editable --python python3

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 cutwin \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
       --home-dir /var/lib/cu-twin --shell /usr/sbin/nologin cutwin \
    && install -d -o 10001 -g 10001 /var/lib/cu-twin
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER 10001:10001
WORKDIR /var/lib/cu-twin
EXPOSE 8000
# The console has no health route of its own; a static file proves it serves without
# asking the core (a core outage is the core's alert, not the console's).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/static/favicon.svg', timeout=2)"]
ENTRYPOINT ["twin"]
CMD ["console", "--host", "0.0.0.0", "--port", "8000"]
