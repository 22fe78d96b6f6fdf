#!/bin/sh
# Installs treatybot into .venv and builds its index. The README, CI and the Dockerfile all run
# this one script, so what CI checks is what a deployer and the image get.
# Usage: scripts/install.sh [EXTRAS]   e.g. scripts/install.sh st,test
set -eu
cd "$(dirname "$0")/.."
extras="${1:-}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extras" ]; then
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
else
    .venv/bin/python -m pip install --quiet -e .
fi
.venv/bin/treatybot index
