"""Writers: one simulated :class:`~..world.Group` → the files an operator would have for it.

Each writer returns an :class:`Export`: the files to pass to ``history import`` (in that order), the
``--group`` to import them under when the files do not name the group, and the group name that
``churn --group`` must then be given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..world import Group


@dataclass(frozen=True)
class Export:
    files: list[Path]
    group: str  # the name the product will know the group by
    group_option: str | None = None  # --group for the import, when the files carry no group name


def _writers() -> dict[str, Callable[[Group, Path], Export]]:
    from . import chatlab, telegram, wechat

    return {"telegram": telegram.write, "wechat": wechat.write, "chatlab": chatlab.write}


WRITERS = _writers()
FORMATS = tuple(WRITERS)
