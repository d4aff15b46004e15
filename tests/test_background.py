"""A process whose background work is still inside DuckDB when it ends exits cleanly.

Before ``assistant.background``, the history index's thread or a history-file close still running at
exit aborted the process most times with ``FATAL: exception not rethrown`` (SIGABRT, exit 134 in a shell). Each
run here is a fresh interpreter whose background sync opens and closes the history file in a loop
and whose main thread returns meanwhile.

The unguarded direction (the same script with the stop removed) is measured, not asserted: it
aborts in some runs only (5 in 8 in the ninth session, 0 in 10 on CI's machine), so a test that
demands an abort is a coin toss. ``python tests/test_background.py N`` prints both directions' exit
codes over N runs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from assistant import background

SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.conversations.indexing import BackgroundIndexing
    from assistant.history.database import close_db, open_db

    path = Path(sys.argv[1])

    def sync(progress):
        done = 0
        while True:  # a sync that would never end on its own
            con = open_db(path)
            con.execute("CREATE TABLE IF NOT EXISTS t AS SELECT * FROM range(100000) t(i)")
            con.execute("SELECT count(*) FROM t").fetchall()
            close_db(con)
            done += 1
            progress(done, 10**9)

    BackgroundIndexing(sync).start()
    time.sleep(0.5)
    if sys.argv[2] == "unguarded":  # what every exit did before: no thread asked to stop
        import atexit
        from assistant import background
        from assistant.history import database
        atexit.unregister(background.stop_all)
        atexit.unregister(database._release_all)
""")


def run(tmp_path: Path, how: str, times: int) -> list[int]:
    """The exit codes of ``times`` runs."""
    codes: list[int] = []
    while len(codes) < times:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / f"h{len(codes)}.duckdb"), how],
                              capture_output=True, text=True, timeout=60)
        codes.append(done.returncode)
    return codes


def test_the_history_index_thread_is_stopped_before_the_interpreter_ends(tmp_path: Path) -> None:
    assert run(tmp_path, "guarded", 4) == [0, 0, 0, 0]


def test_a_stopped_thread_is_waited_for_and_forgotten(monkeypatch) -> None:
    monkeypatch.setattr(background, "_exiting", False)  # stop_all marks the exit; restored after the test
    stop, ended = threading.Event(), threading.Event()

    def work() -> None:
        stop.wait(5)
        ended.set()

    thread = background.start(work, "test-work", stop)
    background.stop_all(wait=5)
    assert ended.is_set() and not thread.is_alive()
    background.stop_all(wait=0)  # nothing left to stop


def test_from_exit_on_no_close_of_the_history_file_is_left_to_a_thread(tmp_path: Path, monkeypatch) -> None:
    from assistant.history import database

    monkeypatch.setattr(background, "_exiting", False)  # restored after the test
    monkeypatch.setattr(database, "KEEP_SECONDS", 60.0)  # the scheduled close is still pending below
    idle, kept = tmp_path / "idle.duckdb", tmp_path / "kept.duckdb"
    database.close_db(database.open_db(idle))  # its close is scheduled in a background thread
    last = database.open_db(kept)
    assert _closes()
    background.stop_all(wait=5)  # what the exit does first
    assert not _closes() and database._key(idle) not in database._instances
    database.close_db(last)  # after exit began: closed at once, in this thread
    assert not _closes() and database._key(kept) not in database._instances


def _closes() -> list[threading.Thread]:
    return [thread for thread in background._running if thread.name == "history-close"]


if __name__ == "__main__":
    import tempfile
    times = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    with tempfile.TemporaryDirectory() as folder:
        for how in ("guarded", "unguarded"):
            runs = Path(folder) / how
            runs.mkdir()
            print(how, run(runs, how, times))
