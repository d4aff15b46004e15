#!/usr/bin/env bash
# Install everything into .venv and start the app (offline default unless OPENAI_* is set).
source "$(dirname "$0")/_venv.sh"
install_project ""
echo "群运营助手: http://localhost:${PORT:-8501}" >&2
exec .venv/bin/python -m streamlit run app.py --server.port "${PORT:-8501}" "$@"
