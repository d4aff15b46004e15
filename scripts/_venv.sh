# Sourced by app.sh and test.sh: create .venv once and (re)install the project when
# pyproject.toml changes. Needs only Python >= 3.11 with pip.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON_BIN=${PYTHON:-python3}
if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "需要 Python 3.11 或更高版本 (Python >= 3.11 is required); set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON_BIN" -m venv .venv 2>/dev/null; then
    # Debian/Ubuntu without python3-venv: fall back to virtualenv from PyPI.
    rm -rf .venv
    "$PYTHON_BIN" -m pip install --user --quiet virtualenv
    "$PYTHON_BIN" -m virtualenv --quiet .venv
  fi
fi

install_project() {  # $1: the extra to install ("" for the app alone)
  local spec="." stamp
  [ -n "$1" ] && spec=".[$1]"
  stamp=".venv/.installed-${1:-app}-$(cksum < pyproject.toml | cut -d' ' -f1)"
  if [ ! -f "$stamp" ]; then
    echo "正在安装依赖 (installing dependencies into .venv)…" >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e "$spec"
    touch "$stamp"
  fi
  # The project's own bytecode, as pip compiles the dependencies': where PYTHONDONTWRITEBYTECODE is set
  # (as on our CI machines) every command, server and test subprocess would otherwise compile the
  # sources again at start. Quick when nothing changed; a source edited later is compiled in memory.
  .venv/bin/python -m compileall -q assistant app_pages app.py >/dev/null || true
}
