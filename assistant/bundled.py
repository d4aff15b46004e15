"""Where the prompts and playbooks that ship with the product are found.

A source checkout keeps them at the top level (``prompts/``, ``knowledge/``) where authors edit
them; a built wheel carries copies inside the package (``assistant/_bundled/``, put there by
``setup.py``), because an installed ``qun-assistant`` has no repository around it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent
PACKAGED = "_bundled"


def bundled_dir(name: str) -> Path:
    """The directory of bundled ``name`` (``"prompts"`` or ``"knowledge"``): packaged copy first."""
    packaged = resources.files("assistant") / PACKAGED / name
    if packaged.is_dir():
        return Path(str(packaged))  # wheels install unzipped, so this is a real directory
    return SOURCE_ROOT / name
