#!/usr/bin/env bash
# Install everything into .venv and start the app (offline default unless OPENAI_* is set), with the
# scheduler worker beside it (定时任务: digests, reports, alert checks). NO_SCHEDULER=1 starts the app alone.
source "$(dirname "$0")/_venv.sh"
install_project ""
worker=""
if [ -z "${NO_SCHEDULER:-}" ]; then
  .venv/bin/python -m assistant schedule worker &
  worker=$!
  trap '[ -n "$worker" ] && kill "$worker" 2>/dev/null' EXIT INT TERM
fi
echo "群运营助手: http://localhost:${PORT:-8501}" >&2
.venv/bin/python -m streamlit run app.py --server.port "${PORT:-8501}" "$@"
