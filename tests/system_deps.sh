#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests drive: Chromium, nginx, wrk, and
# rsync and OpenSSH (client and a server on 127.0.0.1) for the upload tests, python3,
# Java for the Nu HTML Checker and node/npm for the checkers in tests/npm.
# As root (CI), installs what is missing; otherwise says exactly what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v rsync >/dev/null || need+=(rsync)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || need+=(openssh-client)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v flock >/dev/null || need+=(util-linux)  # make html takes the publish lock
# Debian's python3: the stack test's search workers drop to www-data, who cannot
# enter /root where a pyenv Python lives (deploy/local_stack.py worker_python).
[ -x /usr/bin/python3 ] || need+=(python3)
# The Nu HTML Checker (tests/npm: vnu-jar) runs on Debian's Java; npm installs it and
# axe-core into tests/npm/node_modules (`make test-tools`).
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing Debian packages: ${need[*]}; run: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
