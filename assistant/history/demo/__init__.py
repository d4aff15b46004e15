"""The demo workspace: a synthetic community of three groups, generated as real export files and
imported through the same importers a user's files go through.

* a WeChat 团购群 (MemoTrace CSV, weekly chatlog member lists, 快团团 orders): exits only inferred;
* a WeCom customer group with a QR campaign whose cohort leaves fast (stated leaves, snapshots);
* a Telegram interest group hit by an ad-spam wave that an admin cleans up.

About 600 people over ten weeks ending at ``end``. Same seed and end, same files; the demo groups
carry "（示例）" in their names and are replaced when the demo is generated again.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from . import telegram_group, wechat_group, wecom_group

TZ = "Asia/Shanghai"
DEFAULT_SEED = 20241111
WEEKS = 10
GROUPS = (wechat_group.NAME, wecom_group.NAME, telegram_group.NAME)


def write(
    folder: Path, *, end: datetime | None = None, seed: int = DEFAULT_SEED, weeks: int = WEEKS
) -> list[tuple[list[Path], dict]]:
    """Generate the files; returns import jobs ``(paths, options)`` in the order they must run."""
    zone = ZoneInfo(TZ)
    end = (end or datetime.now(zone)).astimezone(zone).replace(hour=22, minute=0, second=0, microsecond=0)
    start = (end - timedelta(weeks=weeks)).replace(hour=8)
    rng = random.Random(seed)
    jobs = []
    for module, sub in ((wechat_group, "wechat"), (wecom_group, "wecom"), (telegram_group, "telegram")):
        jobs += module.write(rng, start, end, folder / sub)
    return [(paths, {"tz": TZ, **options}) for paths, options in jobs]
