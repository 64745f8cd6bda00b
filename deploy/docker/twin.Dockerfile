# syntax=docker/dockerfile:1
# The CU_DIGITAL twin CLI (`twin run|seed|inspect|smoke ...`) against a running core.
#   docker build -f deploy/docker/twin.Dockerfile -t turingcore/twin:0.1.0 .   # from the repo root
#   docker run --rm -e TURINGCORE_URL=http://core:8080 -e TURINGCORE_API_KEY=... \
#       turingcore/twin:0.1.0 run steady-state --customers 100 --days 30
# The image has no core: give it --core-url / TURINGCORE_URL (without one the twin would try
# to start an embedded core and say that `turingcore` is not installed).
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
# Reports (`--json-out`) go here; compose shares it with the console (`--report`).
WORKDIR /var/lib/cu-twin
ENTRYPOINT ["twin"]
CMD ["--help"]
