"""Mechanical check of the hand-written evaluation sets (issue 17).

The sets were written blind, from the playbooks and seed documents only, so a
typo in a heading or keyword would silently turn a good question into a miss
that no retriever could fix. This script fails loudly instead: every `file`
exists, every `section` is an exact heading with text under it, every seed
keyword occurs in the named seed file (and all keywords of a row occur close
together, i.e. in one passage), the halves have the agreed sizes and share no
question.

Run from the repository root:

    python benchmarks/data/check_sets.py [--seeds ../shared/seeds]

It imports nothing from `assistant/` on purpose: it must not depend on the
code it is meant to judge.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"
HALVES = (ROOT / "tests" / "data", ROOT / "benchmarks" / "data")

# name -> (header, minimum rows per half)
SETS = {
    "seed_questions.tsv": (["question", "file", "section_or_keywords"], 30),
    "offtopic_questions.tsv": (["question", "kind"], 20),
    "english_questions.tsv": (["question", "file", "section"], 20),
    "followup_questions.tsv": (["previous", "question", "file", "section"], 15),
    "playbook_questions.tsv": (["question", "file", "section"], 30),
}
# the playbook set predates issue 17 and its held-out half has another name
HELD_OUT_NAME = {"playbook_questions.tsv": "heldout_questions.tsv"}
KEYWORD_WINDOW = 400  # characters; all keywords of a row must fit in one window
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
COMMENT = re.compile(r"<!--.*?-->", re.S)


def read_tsv(path: Path, header: list[str]) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != header:
        raise SystemExit(f"{path}: header must be {header!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header) or not all(c.strip() for c in cells):
            raise SystemExit(f"{path}:{number}: expected {len(header)} non-empty cells")
        rows.append(dict(zip(header, cells)))
    return rows


def section_bodies(path: Path) -> dict[str, str]:
    """Heading text -> the text under it up to the next heading (comments removed)."""
    bodies: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADING.match(line)
        if match:
            current = match.group(2)
            bodies.setdefault(current, [])
        elif current is not None:
            bodies[current].append(line)
    return {h: COMMENT.sub("", "\n".join(b)).strip() for h, b in bodies.items()}


def check_section(where: str, file: str, section: str) -> list[str]:
    path = KNOWLEDGE / file
    if not path.is_file():
        return [f"{where}: no playbook {file}"]
    bodies = section_bodies(path)
    if section not in bodies:
        return [f"{where}: {file} has no heading {section!r}"]
    if not bodies[section]:
        return [f"{where}: heading {section!r} in {file} has no text of its own"]
    return []


def keywords_close(text: str, keywords: list[str]) -> bool:
    """True when some window of KEYWORD_WINDOW characters holds every keyword."""
    first = keywords[0]
    for start in (m.start() for m in re.finditer(re.escape(first), text)):
        window = text[max(0, start - KEYWORD_WINDOW):start + KEYWORD_WINDOW]
        if all(k in window for k in keywords):
            return True
    return False


def check_keywords(where: str, seeds: Path, file: str, spec: str) -> list[str]:
    path = seeds / file
    if not path.is_file():
        return [f"{where}: no seed document {path}"]
    text = path.read_text(encoding="utf-8")
    keywords = spec.split("|")
    if not 2 <= len(keywords) <= 4:
        return [f"{where}: give 2-4 keywords, got {len(keywords)}"]
    missing = [k for k in keywords if k not in text]
    if missing:
        return [f"{where}: {file} lacks {missing}"]
    if not keywords_close(text, keywords):
        return [f"{where}: keywords {keywords} are not within one passage of {file}"]
    return []


def check_row(name: str, where: str, row: dict[str, str], seeds: Path) -> list[str]:
    if name == "seed_questions.tsv":
        return check_keywords(where, seeds, row["file"], row["section_or_keywords"])
    if name == "offtopic_questions.tsv":
        return [] if row["kind"] in ("far", "near") else [f"{where}: kind must be far|near"]
    return check_section(where, row["file"], row["section"])


def check_set(name: str, seeds: Path) -> tuple[list[str], list[int]]:
    header, minimum = SETS[name]
    problems: list[str] = []
    counts: list[int] = []
    seen: dict[tuple[str, ...], str] = {}
    for half in HALVES:
        path = half / (name if half == HALVES[0] else HELD_OUT_NAME.get(name, name))
        rows = read_tsv(path, header)
        counts.append(len(rows))
        if len(rows) < minimum:
            problems.append(f"{path}: {len(rows)} rows, need at least {minimum}")
        for number, row in enumerate(rows, start=2):
            where = f"{path.relative_to(ROOT)}:{number}"
            key = tuple(row[c] for c in header if c in ("previous", "question"))
            if key in seen:
                problems.append(f"{where}: same question as {seen[key]}")
            seen[key] = where
            problems += check_row(name, where, row, seeds)
    return problems, counts


def coverage_problems() -> list[str]:
    """Each half of the English set must reach all ten playbooks."""
    playbooks = {p.name for p in KNOWLEDGE.glob("*.md")}
    problems = []
    for half in HALVES:
        rows = read_tsv(half / "english_questions.tsv", SETS["english_questions.tsv"][0])
        missing = playbooks - {r["file"] for r in rows}
        if missing:
            problems.append(f"{half / 'english_questions.tsv'}: no question for {sorted(missing)}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds",
                        help="folder holding the seed documents (default: ../shared/seeds)")
    args = parser.parse_args()
    problems = coverage_problems()
    for name in SETS:
        found, counts = check_set(name, args.seeds)
        problems += found
        print(f"{name}: tuned-on {counts[0]}, held-out {counts[1]}")
    for problem in problems:
        print("PROBLEM", problem)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
