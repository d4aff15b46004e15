#!/usr/bin/env bash
# Install everything (with test tools) into .venv and run the whole test suite.
source "$(dirname "$0")/_venv.sh"
install_project "test"
# End-to-end tests drive Debian's Chromium (no browser download) and need a CJK font.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "cjk"; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "正在安装 chromium 与中文字体 (installing chromium and fonts-noto-cjk)…" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } >/dev/null 2>&1 \
      || echo "warning: could not install chromium; the end-to-end tests will be skipped" >&2
  else
    echo "warning: chromium not found and cannot be installed here; the end-to-end tests will be skipped" >&2
  fi
fi
# Two workers (pytest-xdist) unless the caller chose: CI's machines have two cores. A file's tests
# stay on one worker (its module fixtures are built once), and files go out in collection order:
# xdist's default, most tests first, would leave the few long browser tests for the end.
# -n 0 runs everything in this process.
workers=(-n 2 --dist loadfile --no-loadscope-reorder)
for arg in "$@"; do
  case "$arg" in -n|-n[0-9]*|-nauto|-nlogical|--numprocesses|--numprocesses=*|no:xdist) workers=() ;; esac
done
exec .venv/bin/python -m pytest "${workers[@]}" "$@"
