"""Import speed and memory of the history store on a generated 1,000,000-row MemoTrace CSV.

Run from the repository root:  .venv/bin/python -m benchmarks.history_import [--rows N]

The file has what real ones have: a BOM, newest-first rows, 2 % ``Type 10000`` join notices, quoted
multi-line messages, images and 500 senders. It prints the import's wall time, messages per second,
peak resident memory of the process, and the ratio to a bare DuckDB ``read_csv`` count of the same
file (the floor: reading the bytes once). Target (issue 4): <= 60 s and <= 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import resource
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

from assistant.history import History

START = 1717200000  # 2024-06-01 08:00 +08:00
HEADER = [
    "localId",
    "TalkerId",
    "Type",
    "SubType",
    "IsSender",
    "CreateTime",
    "Status",
    "StrContent",
    "StrTime",
    "Remark",
    "NickName",
    "Sender",
]
LINES = ("今晚8点开团，群里接龙", "明天几点到货？", "+1", "收到", "草莓还有吗\n要两盒，谢谢", "自提点在哪里？")


def generate(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for n in range(rows, 0, -1):  # newest first
            ts = START + n * 5
            stamp = datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")
            if n % 50 == 0:
                out.writerow([n, 35, 10000, 0, 0, ts, 4, f'"用户{n % 500}"邀请"新人{n}"加入了群聊', stamp, "", "", ""])
                continue
            who = n % 500
            kind = (3, 0) if n % 17 == 0 else (1, 0)
            text = "" if kind[0] == 3 else LINES[n % len(LINES)]
            out.writerow(
                [n, 35, *kind, int(who == 0), ts, 2, text, stamp, f"用户{who}", f"昵称{who}", f"wxid_bench{who:03d}"]
            )


def bare_count(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    count = duckdb.connect().execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchone()[0]
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "群聊_utf8.csv"
        started = time.perf_counter()
        generate(path, rows)
        print(f"generated {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
        count, floor = bare_count(path)
        history = History(Path(folder) / "history.duckdb")
        started = time.perf_counter()
        [report] = history.import_files([path], group="benchmark")
        wall = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert report.status == "ok", report.error
        print(f"bare DuckDB read_csv count: {count:,} rows in {floor:.2f} s")
        print(
            f"import: {report.messages:,} messages + {sum(report.member_events.values()):,} member events in {wall:.1f} s"
        )
        print(
            f"  {report.messages / wall:,.0f} messages/s, peak RSS {peak_mb:,.0f} MB, {wall / floor:.0f}x the bare count"
        )
        started = time.perf_counter()
        [again] = history.import_files([path], group="benchmark")
        print(f"re-import of the same file: {again.status} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
