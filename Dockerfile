# The crawler image for the production stack (docker-compose.yml): workers, scheduler, setup job.
# Two stages: the build stage has the compiler (for a package without a wheel for this
# platform) and pip; the runtime stage has neither, only the virtualenv, the project and the
# Debian packages it runs with, and runs as an unprivileged user so Chromium keeps its sandbox.
# Base image pinned to an exact release (rebuild to take Debian security updates).
ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg ./
COPY crawler ./crawler
COPY whitelist ./whitelist
COPY sandbox ./sandbox
COPY config ./config
COPY kibana ./kibana
# Editable, so the project root (config/, kibana/) stays where settings.PROJECT_ROOT finds it;
# the runtime stage copies /opt/venv and /app to the same paths, which keeps the link valid.
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir -e .

FROM ${PYTHON_IMAGE} AS runtime
# Debian's chromium and CJK fonts (screenshots and PDF notices must show Chinese); poppler-utils
# for PDF whitelists. Never a downloaded browser.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium fonts-noto-cjk poppler-utils ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /home/simwatch simwatch \
 && mkdir -p /data /input \
 && chown simwatch:simwatch /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH \
    SIMWATCH_HOME=/data \
    SIMWATCH_CHROMIUM=/usr/bin/chromium \
    SCRAPY_SETTINGS_MODULE=crawler.settings \
    SIMWATCH_KEYWORDS_FILE=/app/config/keywords.toml
USER simwatch
VOLUME ["/data"]
ENTRYPOINT ["simwatch"]
CMD ["--help"]
