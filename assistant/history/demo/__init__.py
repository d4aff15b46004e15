"""The demo workspace: a synthetic community of three groups, generated as real export files and
imported through the same importers a user's files go through.

* a WeChat 团购群 (MemoTrace CSV, weekly chatlog member lists, 快团团 orders): exits only inferred;
* a WeCom customer group with a QR campaign whose cohort leaves fast (stated leaves, snapshots);
* a Telegram interest group hit by an ad-spam wave that an admin cleans up.

About 600 people over ten weeks ending at ``end``. The two incidents fall in the latest complete
ISO week (the "上周" an operator asks about), the campaign's joins in the week before it. Same seed
and end, same files; the demo groups carry "（示例）" in their names and are replaced when the demo
is generated again.
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
    # By default the demo ends yesterday evening: nothing in it happens later than now.
    end = (end or datetime.now(zone) - timedelta(days=1)).astimezone(zone).replace(hour=22, minute=0, second=0,
                                                                                 microsecond=0)
    start = (end - timedelta(weeks=weeks)).replace(hour=8)
    rng = random.Random(seed)
    incident_week = latest_complete_week(end)
    jobs = wechat_group.write(rng, start, end, folder / "wechat")
    jobs += wecom_group.write(rng, start, end, folder / "wecom", campaign_at=incident_week - timedelta(days=5))
    jobs += telegram_group.write(rng, start, end, folder / "telegram", spam_at=incident_week + timedelta(days=2, hours=14))
    return [(paths, {"tz": TZ, **options}) for paths, options in jobs]


def latest_complete_week(end: datetime) -> datetime:
    """Midnight of the Monday that starts the last ISO week finished by ``end``."""
    monday = (end - timedelta(days=end.weekday())).replace(hour=0, minute=0)
    return monday if end.weekday() == 6 and end.hour >= 6 else monday - timedelta(weeks=1)
