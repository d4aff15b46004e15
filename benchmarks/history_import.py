"""Import speed and memory of the history store on a generated 1,000,000-row MemoTrace CSV.

Run from the repository root:  .venv/bin/python -m benchmarks.history_import [--rows N] [--json]

The file has what real ones have: a BOM, newest-first rows, 2 % ``Type 10000`` join notices, quoted
multi-line messages, images and 500 senders. It reports messages per second, the peak resident
memory of the process during the import, and the ratio of the import's time to a bare DuckDB
``read_csv`` of the same file (the floor: parsing every row once, with none of the importer's
sniffing, identity, dedup or membership work). Targets (issue 8): >= 50,000 messages/s and
<= 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

from assistant.history import History
from assistant.history.importers.memotrace_csv import HEADER

from .measure import Figure, peak_rss_mb, run_benchmark, say

START = 1717200000  # 2024-06-01 08:00 +08:00
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


def bare_read(path: Path) -> tuple[int, float]:
    """The floor: DuckDB's own CSV reader materialising every row of the file once, no logic."""
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [str(path)])
    count = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    con.close()
    return count, time.perf_counter() - started


def measure(args: argparse.Namespace) -> list[Figure]:
    rows = args.rows
    name = f"History import ({rows:,} msgs)"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "群聊_utf8.csv"
        started = time.perf_counter()
        generate(path, rows)
        say(f"generated {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
        history = History(Path(folder) / "history.duckdb")
        started = time.perf_counter()
        [report] = history.import_files([path], group="benchmark")
        wall = time.perf_counter() - started
        peak = peak_rss_mb()  # before the floor below, which holds the whole file in memory
        assert report.status == "ok", report.error
        say(f"import: {report.messages:,} messages + {sum(report.member_events.values()):,} member events in {wall:.1f} s")
        count, floor = bare_read(path)
        say(f"bare DuckDB read_csv of the same file: {count:,} rows in {floor:.2f} s")
        started = time.perf_counter()
        [again] = history.import_files([path], group="benchmark")
        again_wall = time.perf_counter() - started
    return [
        Figure(name, "throughput", report.messages / wall, "msgs/s", at_least=50_000, note=f"{wall:.1f} s wall"),
        Figure(name, "peak memory (RSS)", peak, "MB", at_most=2048),
        Figure(name, "time ÷ bare DuckDB read_csv", wall / floor, "×", note=f"read_csv alone {floor:.2f} s"),
        Figure(name, "re-import of the same file", again_wall, "s", note=again.status),
    ]


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda p: p.add_argument("--rows", type=int, default=1_000_000), measure)


if __name__ == "__main__":
    main()
