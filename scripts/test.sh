#!/usr/bin/env bash
# Install everything (with test tools) into .venv and run the whole test suite.
source "$(dirname "$0")/_venv.sh"
install_project "test"
exec .venv/bin/python -m pytest "$@"
