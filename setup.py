"""Build hook: copy the top-level prompts and playbooks into the wheel as package data.

Authors edit ``prompts/`` and ``knowledge/`` at the repository's top level; an installed wheel has
no repository, so ``build_py`` places copies at ``assistant/_bundled/`` where
``assistant.bundled.bundled_dir`` finds them. Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("prompts", "knowledge")


class BuildWithBundled(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the top-level folders directly
            return
        for name in BUNDLED:
            shutil.copytree(Path(name), Path(self.build_lib) / "assistant" / "_bundled" / name, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithBundled})
