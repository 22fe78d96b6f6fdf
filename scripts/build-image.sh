#!/bin/bash
# Builds the treatybot image with podman where there is no Docker engine and no Docker Hub,
# then smoke-tests it without `podman run` (chroot into the image as its runtime user).
#
#   sudo scripts/build-image.sh [--tag NAME] [--rebuild-base] [--skip-build]
#
# 1. Base: uses a local docker.io/library/python:3.11-slim if there is one (e.g. pulled on a
#    machine that reaches Docker Hub); otherwise builds a stand-in of it: Debian bookworm by
#    debootstrap (its python3 is 3.11), with python3.11/python3/python/pip in /usr/local/bin as
#    the official image has them, imported and tagged python:3.11-slim. --rebuild-base redoes it.
# 2. Image: the Dockerfile, unchanged, with `podman build --isolation chroot`; the host's CA
#    bundle and pip settings (index, proxy, certificate) are mounted into the build's RUN steps,
#    proxies pass as the usual build args. None of it lands in the image (podman leaves the
#    mount point, an empty /etc/pip.conf).
# 3. Smoke test: as the image's user, with the image's Env and WorkingDir, in a container's
#    root (read-write) and in the image's own read-only root with only /data writable:
#    `treatybot ask --json` answers from the built index without rebuilding it, and
#    `treatybot serve` polls a fake Bot API on 127.0.0.1 (the time to the first getUpdates is
#    printed). Exits non-zero when a check fails. Mounts and containers are removed at the end.
#
# Needs root, podman, debootstrap (apt-get install -y podman debootstrap) and python3 on the host.
# Settings: DEBIAN_MIRROR (default: the host's apt source, else http://deb.debian.org/debian),
# POLL_TIMEOUT (seconds to wait for the first getUpdates, default 120).
set -Eeuo pipefail
trap 'echo "build-image: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

repo=$(cd "$(dirname "$0")/.." && pwd)
tag=treatybot
base=docker.io/library/python:3.11-slim
suite=bookworm
rebuild_base=0
skip_build=0
poll_timeout=${POLL_TIMEOUT:-120}
question="How many SMTAs have been reported so far?"
stand_in_label=org.treatybot.base-stand-in

while [ $# -gt 0 ]; do
    case "$1" in
        --tag) tag=$2; shift 2 ;;
        --rebuild-base) rebuild_base=1; shift ;;
        --skip-build) skip_build=1; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-image: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*"; }
fail() { echo "build-image: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (sudo $0): podman mount, chroot and debootstrap need it"
for tool in podman python3 chroot mount; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y podman debootstrap)"
done

work=$(mktemp -d /var/tmp/treatybot-image.XXXXXX)
mounts=()          # mounted paths, unmounted in reverse order
pids=()            # background processes this script started
container=""
image_mounted=""

cleanup() {
    local status=$?
    set +e
    trap - ERR
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null
    done
    [ -n "$container" ] && { podman umount "$container" >/dev/null; podman rm -f "$container" >/dev/null; }
    [ -n "$image_mounted" ] && podman image umount "$image_mounted" >/dev/null
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- host settings to pass on
ca_bundle=""
for f in "${PIP_CERT:-}" "${SSL_CERT_FILE:-}" "${REQUESTS_CA_BUNDLE:-}" \
         "$(python3 -m pip config get global.cert 2>/dev/null || true)" \
         /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt; do
    if [ -n "$f" ] && [ -s "$f" ]; then ca_bundle=$f; break; fi
done
[ -n "$ca_bundle" ] || fail "no CA bundle found on the host (looked at PIP_CERT, SSL_CERT_FILE, /etc/ssl/certs)"

# pip's settings from every source pip reads (files and PIP_* variables), as the build will see
# them: the certificate is the mounted bundle; file:// indexes and find-links name host folders
# the build cannot see, so they are left out (PyPI itself is reached).
python3 - "$work/pip.conf" <<'EOF'
import subprocess, sys
out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True,
                     text=True).stdout
keys = {"index-url", "extra-index-url", "trusted-host", "proxy", "timeout", "default-timeout",
        "retries"}
conf = {"cert": "/etc/ssl/certs/ca-certificates.crt"}
for line in out.splitlines():
    name, _, value = line.partition("=")
    key = name.rsplit(".", 1)[-1]
    value = value.strip().strip("'\"")
    if key not in keys or not value:
        continue
    if key in ("index-url", "extra-index-url"):
        value = " ".join(u for u in value.split() if not u.startswith("file:"))
        if not value:
            continue
    conf[key] = value
with open(sys.argv[1], "w") as fh:
    fh.write("[global]\n" + "".join(f"{k} = {v}\n" for k, v in conf.items()))
EOF

proxy_args=()
for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [ -n "${!var:-}" ] && proxy_args+=(--build-arg "$var=${!var}")
done
# An apt proxy set in apt's configuration, for debootstrap (which reads http_proxy).
apt_proxy=$(apt-config dump 2>/dev/null | awk -F'"' '/^Acquire::http::Proxy "/ && !n++ { print $2 }' || true)
if [ -n "$apt_proxy" ] && [ -z "${http_proxy:-}" ]; then export http_proxy=$apt_proxy; fi

say "host settings passed to the build"
echo "CA bundle: $ca_bundle -> /etc/ssl/certs/ca-certificates.crt (read-only mount)"
echo "pip configuration (mounted as /etc/pip.conf):"; sed 's/^/    /' "$work/pip.conf"
echo "proxies: ${proxy_args[*]:-none}${apt_proxy:+ (apt proxy: $apt_proxy)}"

# ---------------------------------------------------------------- 1. the base image
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
    mirror=$(awk '$1 == "URIs:" && $2 ~ /^http.*\/debian\/?$/ && !n++ { sub(/\/$/, "", $2); print $2 }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /^http.*\/debian\/?$/ && !n++ { sub(/\/$/, "", $2); print $2 }' \
        /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
fi

build_stand_in() {
    command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install -y debootstrap)"
    local root=$work/rootfs
    say "building a stand-in for $base: Debian $suite from $mirror (debootstrap, a few minutes)"
    debootstrap --variant=minbase --arch=amd64 \
        --include=ca-certificates,netbase,tzdata,python3,python3-venv,python3-pip \
        "$suite" "$root" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -30 "$work/debootstrap.log"; fail "debootstrap"; }
    grep -q " $root/" /proc/mounts && fail "something is still mounted under $root"
    # As python:3.11-slim has it: python3.11, python3, python, pip3, pip in /usr/local/bin
    # (first on PATH), pip allowed outside a venv, and debian:*-slim's trimmed documentation.
    local t
    for t in python3.11 python3 python pip3 pip; do
        case $t in python*) ln -s /usr/bin/python3.11 "$root/usr/local/bin/$t" ;;
                   *) ln -s /usr/bin/pip3 "$root/usr/local/bin/$t" ;; esac
    done
    rm -f "$root"/usr/lib/python3.*/EXTERNALLY-MANAGED
    cat > "$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
    rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
        "$root"/usr/share/lintian/* "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
        "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log "$root"/var/log/apt/* \
        "$root"/etc/resolv.conf "$root"/etc/hostname "$root"/dev/* "$root"/proc/* "$root"/sys/*
    local version
    version=$(chroot "$root" /usr/local/bin/python3.11 -c 'import platform; print(platform.python_version())')
    local debian
    debian=$(cat "$root/etc/debian_version")
    tar -C "$root" --numeric-owner -cpf "$work/rootfs.tar" .
    podman import \
        --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change "ENV PYTHON_VERSION=$version" \
        --change "LABEL $stand_in_label=\"Debian $debian (debootstrap) with its python3 $version, standing in for python:3.11-slim\"" \
        --change 'CMD ["python3"]' \
        "$work/rootfs.tar" "$base" >/dev/null
    rm -rf "$root" "$work/rootfs.tar"
    echo "stand-in base: Debian $debian, Python $version, tagged $base"
}

if [ "$skip_build" = 0 ]; then
    if [ "$rebuild_base" = 1 ] || ! podman image exists "$base"; then
        build_stand_in
    else
        say "base $base is present locally (--rebuild-base to redo the stand-in)"
    fi
    echo "base: $(podman image inspect --format "{{or (index .Labels \"$stand_in_label\") \"the image pulled, not a stand-in\"}}" "$base")"

    # ------------------------------------------------------------ 2. the image
    say "podman build -t $tag $repo (the Dockerfile as it is; the first build takes minutes)"
    start=$(date +%s)
    podman build --isolation chroot --pull=never \
        -v "$ca_bundle:/etc/ssl/certs/ca-certificates.crt:ro" \
        -v "$work/pip.conf:/etc/pip.conf:ro" \
        "${proxy_args[@]}" \
        -t "$tag" -f "$repo/Dockerfile" "$repo"
    echo "built in $(( $(date +%s) - start )) s"
fi
podman image exists "$tag" || fail "no image $tag"

say "image"
podman image ls --format '{{.Repository}}:{{.Tag}}  {{.ID}}  {{.Size}}' | grep -E "(^|/)($tag|python):" || true
podman history --format '{{.Size}}\t{{.CreatedBy}}' "$tag" | cut -c1-150

# ---------------------------------------------------------------- 3. smoke test
config_json=$(podman image inspect --format '{{json .Config}}' "$tag")
field() { python3 -c 'import json,sys; c=json.loads(sys.argv[1]); v=c.get(sys.argv[2]); print("\n".join(v) if isinstance(v, list) else (v or ""))' "$config_json" "$1"; }
mapfile -t image_env < <(field Env)
workdir=$(field WorkingDir); workdir=${workdir:-/}
user=$(field User); user=${user:-root}
entry=$(field Cmd | awk 'NR == 1')
volume=$(python3 -c 'import json,sys; print(next(iter(json.loads(sys.argv[1]).get("Volumes") or {}), ""))' "$config_json")
[ -n "$volume" ] || fail "the image declares no data volume"
say "image config: User=$user WorkingDir=$workdir volume=$volume command=$entry"
printf '    %s\n' "${image_env[@]}"

# uid, gid and home of the image's user, from the image's own /etc/passwd (as Docker does)
resolve_user() {   # ROOT -> "uid gid home"
    local name=${user%%:*} group=""
    [ "$name" != "$user" ] && group=${user#*:}
    awk -F: -v u="$name" '$1 == u || $3 == u { print $3, $4, $6; found = 1; exit }
        END { if (!found && u ~ /^[0-9]+$/) print u, u, "/" }' "$1/etc/passwd" | {
        read -r uid gid home
        if [ -n "$group" ]; then
            gid=$(awk -F: -v g="$group" '$1 == g || $3 == g { print $3; exit }' "$1/etc/group")
        fi
        echo "$uid $gid $home"
    }
}

# What Docker gives a container besides the image: /dev, /proc, /sys (read-only), /dev/shm.
prepare_root() {   # ROOT
    local root=$1
    mount -t tmpfs -o mode=755,nosuid,size=64k tmpfs "$root/dev"; mounts+=("$root/dev")
    mknod -m 666 "$root/dev/null" c 1 3; mknod -m 666 "$root/dev/zero" c 1 5
    mknod -m 666 "$root/dev/full" c 1 7; mknod -m 666 "$root/dev/random" c 1 8
    mknod -m 666 "$root/dev/urandom" c 1 9; mknod -m 666 "$root/dev/tty" c 5 0
    mkdir -m 1777 "$root/dev/shm"
    mount -t tmpfs -o mode=1777,nosuid,nodev,size=64m shm "$root/dev/shm"; mounts+=("$root/dev/shm")
    mount -t proc proc "$root/proc"; mounts+=("$root/proc")
    mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"; mounts+=("$root/sys")
}

in_image() {   # ROOT CMD... : sets run=(the command line that runs CMD as the image's user,
    local root=$1; shift   # with exactly the image's environment, in its WorkingDir)
    local uid gid home
    read -r uid gid home < <(resolve_user "$root")
    [ -n "$uid" ] || fail "user $user is not in the image's /etc/passwd"
    local env_args=("HOME=$home" "HOSTNAME=treatybot-smoke" "${image_env[@]}" "${extra_env[@]}")
    # chroot execs env, which execs the command: one process, whose pid is the one to signal
    run=(chroot --userspec="$uid:$gid" --groups="$gid" "$root"
         /usr/bin/env -i -C "$workdir" "${env_args[@]}" "$@")
}

failures=0
extra_env=()
run=()
check() {   # DESCRIPTION COMMAND...: PASS when the command succeeds
    local what=$1; shift
    if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}
no_match() { ! grep -qi -E "$1" "$2"; }
answered() {
    python3 -c 'import json, sys; a = json.load(open(sys.argv[1]))
sys.exit(0 if a["results"] and a["answer"] in ("yes", "closest") else 1)' "$1" 2>/dev/null
}

ask_test() {   # ROOT LABEL
    local root=$1 label=$2 t0 t1 status
    extra_env=()
    t0=$(date +%s.%N)
    status=0
    in_image "$root" "$entry" ask --json "$question"
    "${run[@]}" > "$work/ask.out" 2> "$work/ask.err" || status=$?
    t1=$(date +%s.%N)
    echo "--- ask ($label): exit $status in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s; stderr:"
    sed -n '1,60s/^/    /p' "$work/ask.err"
    python3 - "$work/ask.out" <<'EOF' || true
import json, sys
try:
    a = json.load(open(sys.argv[1]))
    best = a["results"][0]
    print(f"    answer={a['answer']} lang={a['lang']} best=¶{best['paragraph']} "
          f"score={best['score']:.3f}: {best['translations'].get('en', best['text'])[:160]}")
except Exception as exc:
    print(f"    no JSON answer: {exc!r}")
EOF
    check "ask ($label) exits 0" [ "$status" = 0 ]
    check "ask ($label) answers with a paragraph" answered "$work/ask.out"
    check "ask ($label) uses the built index (no rebuild on stderr)" \
        no_match 'rebuild|building|index built' "$work/ask.err"
    check "ask ($label) has no traceback, no permission or read-only error" \
        no_match 'Traceback|Permission denied|Read-only file system' "$work/ask.err"
}

serve_test() {   # ROOT LABEL
    local root=$1 label=$2 port t0 first="" pid status
    : > "$work/api.log"
    python3 "$repo/scripts/fake-bot-api.py" --lifetime $((poll_timeout + 60)) > "$work/api.log" 2> "$work/api.err" &
    pids+=($!)
    local api_pid=$!
    for _ in $(seq 50); do grep -q '^port ' "$work/api.log" && break; sleep 0.1; done
    port=$(sed -n 's/^port //p' "$work/api.log")
    [ -n "$port" ] || fail "the fake Bot API did not start: $(cat "$work/api.err")"
    extra_env=("TELEGRAM_API_URL=http://127.0.0.1:$port" "TELEGRAM_BOT_TOKEN=123456:smoke-test-token")
    t0=$(date +%s.%N)
    in_image "$root" "$entry" serve
    "${run[@]}" > "$work/serve.out" 2> "$work/serve.err" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq $((poll_timeout * 10))); do
        first=$(awk '$2 == "getUpdates" { print $1; exit }' "$work/api.log")
        [ -n "$first" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    sleep 1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    status=0; wait "$pid" || status=$?
    kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true
    echo "--- serve ($label): requests the fake Bot API saw:"
    awk '$1 ~ /^[0-9.]+$/ { n[$2]++ } END { for (m in n) printf "    %s x%d\n", m, n[m] }' "$work/api.log" | sort
    echo "--- serve ($label): stderr (exit $status after SIGTERM):"
    sed -n '1,60s/^/    /p' "$work/serve.err"
    if [ -n "$first" ]; then
        echo "start to first getUpdates ($label): $(python3 -c "print(f'{$first - $t0:.1f}')") s"
    fi
    check "serve ($label) polls getUpdates within ${poll_timeout} s" [ -n "$first" ]
    check "serve ($label) uses the built index (no rebuild)" \
        no_match 'rebuild|building|index built' "$work/serve.err"
    check "serve ($label) has no traceback, no permission or read-only error" \
        no_match 'Traceback|Permission denied|Read-only file system' "$work/serve.err"
}

say "smoke test 1: a container's root (read-write), as Docker runs it by default"
container=$(podman create "$tag")
croot=$(podman mount "$container")
prepare_root "$croot"
ask_test "$croot" "container"
serve_test "$croot" "container"

say "smoke test 2: the image's root read-only (docker run --read-only), only $volume writable"
rroot=$(podman image mount "$tag")
image_mounted=$tag
if touch "$rroot/.write-probe" 2>/dev/null; then rm -f "$rroot/.write-probe"; fail "podman image mount is writable"; fi
echo "image root $rroot is read-only"
prepare_root "$rroot"
mkdir -p "$work/data"
# A fresh named volume starts as a copy of the image's folder, owner included.
cp -a "$rroot$volume/." "$work/data/"
chown "$(stat -c %u:%g "$rroot$volume")" "$work/data"
chmod "$(stat -c %a "$rroot$volume")" "$work/data"
mount --bind "$work/data" "$rroot$volume"; mounts+=("$rroot$volume")
ask_test "$rroot" "read-only root"
serve_test "$rroot" "read-only root"
echo "--- what the runs left in $volume:"
ls -la "$work/data" | sed 's/^/    /'

say "result"
if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed; the image is $tag"
