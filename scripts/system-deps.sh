#!/usr/bin/env bash
# Installs the Debian packages the project needs; as root it installs them, otherwise it says what to run.
set -euo pipefail
PACKAGES=(fonts-noto-cjk libharfbuzz-subset0 poppler-utils libpango-1.0-0 libpangoft2-1.0-0)
# the test suite also drives Debian's Chromium through Playwright (browser tests) and runs `bench/run_all.py --quick`
[ "${1:-}" = "--test" ] && PACKAGES+=(chromium wrk)  # wrk: the suite smoke-runs the benchmarks
# make bench: wrk drives the gunicorn benchmark of the public verify API (bench/verify_api.py)
[ "${1:-}" = "--bench" ] && PACKAGES+=(wrk)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "安装系统依赖：${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "缺少系统依赖：${missing[*]}" >&2
  echo "请以 root 身份执行：apt-get install -y ${missing[*]}" >&2
  exit 1
fi
