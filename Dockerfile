# The crawler image for the production stack (docker-compose.yml): workers, scheduler, setup job.
FROM python:3.11-slim-bookworm

# Debian's chromium and CJK fonts (screenshots must show Chinese); never a downloaded browser.
# gcc and libc6-dev: a package without a wheel for this platform builds from source.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium fonts-noto-cjk poppler-utils curl ca-certificates gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg ./
COPY crawler ./crawler
COPY whitelist ./whitelist
COPY sandbox ./sandbox
COPY config ./config
COPY kibana ./kibana
# Editable, so the project root (config/, kibana/) stays where settings.PROJECT_ROOT finds it.
RUN pip install --no-cache-dir -e .

ENV SIMWATCH_HOME=/data \
    SIMWATCH_CHROMIUM=/usr/bin/chromium \
    SCRAPY_SETTINGS_MODULE=crawler.settings \
    SIMWATCH_KEYWORDS_FILE=/app/config/keywords.toml
VOLUME ["/data"]
ENTRYPOINT ["simwatch"]
CMD ["--help"]
