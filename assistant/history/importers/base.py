"""What importers share: reading JSON and CSV strictly, naming a group, dating a snapshot, refusing
a one-to-one chat the same way in every format.

Structural damage (a JSON file cut off mid-way, a CSV quote never closed) fails the whole file with
the line where it broke; a single unusable row is skipped and reported. JSON nested deeper than any
export writes is refused (:func:`assistant.safety.limits.parse_json`): nothing legitimate looks like
that, and the parser would otherwise run out of stack.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ...i18n import t
from ...safety.limits import parse_json
from ..batch import Batch
from ..errors import InputError, MissingField, private_chat
from ..options import ImportOptions
from ..records import MemberEvent, SnapshotMember
from ..source import Source

_STEM_SUFFIX = re.compile(r"(_utf8|_chat)$")


class Fields(dict):
    """A JSON object of an export: a missing field raises :class:`ParseError` naming it, not a
    ``KeyError`` (which would be a bug of ours, and is never reported as a malformed file)."""

    def __missing__(self, key: object) -> Any:
        raise MissingField(key)


def load_json(source: Source, text: str | None = None) -> Any:
    """The parsed document; a truncated or damaged file names the line where it breaks."""
    try:
        return parse_json(source.text if text is None else text, source.name, object_hook=Fields,
                          language=source.language)
    except json.JSONDecodeError as exc:
        raise _broken_json(source, exc) from exc


def _broken_json(source: Source, exc: json.JSONDecodeError) -> InputError:
    return InputError(t("import.error.broken_json", source.language, file=source.name, line=exc.lineno, column=exc.colno,
                        error=exc.msg))


def json_records(source: Source, *list_keys: str) -> list[dict]:
    """Objects from a JSON array, a wrapper object holding one, or JSON Lines."""
    try:
        document = parse_json(source.text, source.name, object_hook=Fields, language=source.language)
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise _broken_json(source, exc) from exc
        lines = source.text.splitlines()
        return [_json_line(source, n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if isinstance(document, dict):
        for key in list_keys:
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    if not isinstance(document, list):
        raise InputError(t("import.error.json_top", source.language, file=source.name))
    return document


def _json_line(source: Source, number: int, line: str) -> dict:
    try:
        where = t("import.where.line", source.language, file=source.name, where="", line=number)
        return parse_json(line, where, object_hook=Fields, language=source.language)
    except json.JSONDecodeError as exc:
        raise InputError(t("import.error.broken_line", source.language, file=source.name, line=number, error=exc.msg)) from exc


def csv_rows(
    source: Source, text: str | None = None, *, whole_lines: bool = False
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` pairs keyed by the stripped header; an unclosed quote fails the file.

    ``whole_lines``: the exporter ends every row with a line break (Python's and JavaScript's CSV
    writers do), so a file that does not end with one was cut off inside its last row."""
    text = source.text if text is None else text
    if whole_lines and text.strip() and not text.endswith("\n"):
        raise truncated(source, t("import.cut.last_line", source.language))
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(t("import.error.columns", source.language, file=source.name, line=reader.line_num,
                                   found=len(row), header=len(header)))
            yield reader.line_num, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        raise InputError(t("import.error.csv", source.language, file=source.name, line=reader.line_num, error=exc)) from exc


def json_lines(source: Source, text: str, where: str = "") -> Iterator[tuple[int, dict]]:
    """``(line, object)`` per line of JSON Lines; blank and ``#`` lines skipped, a broken line fails the file.

    A broken *last* line is what a cut-off export looks like, so it is reported as truncation."""
    lines = text.split("\n")
    last = max((n for n, line in enumerate(lines, 1) if line.strip()), default=0)
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = parse_json(line, t("import.where.line", source.language, file=source.name, where=where, line=number),
                              object_hook=Fields, language=source.language)
        except json.JSONDecodeError as exc:
            if number == last:
                raise truncated(source, t("import.cut.half_line", source.language, where=where, line=number)) from exc
            raise InputError(t("import.error.line_json", source.language, file=source.name, where=where, line=number,
                               error=exc.msg)) from exc
        if not isinstance(item, dict):
            raise InputError(t("import.error.line_object", source.language, file=source.name, where=where, line=number))
        yield number, item


def truncated(source: Source, what: str) -> InputError:
    """The one wording for a cut-off export, whatever the format."""
    return InputError(t("import.error.truncated", source.language, file=source.name, what=what))


def refuse_private(source: Source, options: ImportOptions, who: str | None = None) -> None:
    """A one-to-one chat is refused the same way in every format, unless ``--allow-private``."""
    if not options.allow_private:
        raise private_chat(source.name, who, source.language)


def refuse_if_two(source: Source, options: ImportOptions, speakers: set[str]) -> None:
    """For formats that do not say group or private: two speakers or fewer look like a private chat.

    ``--group`` tells us it is a group after all; ``--allow-private`` imports it either way."""
    if len(speakers) <= 2 and not options.group and not options.allow_private:
        words = source.language
        who = t("tool.names", words).join(sorted(speakers)) or None
        raise InputError(str(private_chat(source.name, who, words)) + t("import.error.two_speakers", words))


def skip_private(batch: Batch, options: ImportOptions, where: int | str) -> bool:
    """In a file of many chats: leave a one-to-one chat out (``True``) unless ``--allow-private``."""
    if options.allow_private:
        return False
    batch.skip(where, t("import.skip.private", batch.language))
    return True


def header_has(source: Source, *names: str) -> bool:
    return set(names) <= set(source.header_row)


def group_name(source: Source, options: ImportOptions, batch: Batch) -> str:
    """``--group``, else the file name, with a warning: these exports do not carry the group's name."""
    if options.group:
        return options.group
    batch.warn(t("import.warn.no_group_name", source.language))
    stem = source.name.rsplit(".", 1)[0]
    return _STEM_SUFFIX.sub("", stem) or stem


def snapshot_time(source: Source, options: ImportOptions, batch: Batch, stated: datetime | None = None) -> datetime:
    """When a member list was taken: ``--at``, then what the file says, then the file's mtime."""
    if options.at:
        return options.at
    if stated:
        return stated
    batch.warn(t("import.warn.snapshot_time", source.language))
    if source.path is None:
        return datetime.now(UTC)
    return datetime.fromtimestamp(source.path.stat().st_mtime, UTC)


def require_group(source: Source, options: ImportOptions, what: str) -> str:
    if not options.group:
        words = source.language
        what = what if words == "zh" else t("import.error.records", words)  # the callers name it in Chinese
        raise InputError(t("import.error.needs_group", words, file=source.name, what=what))
    return options.group


def clean(value: object) -> str | None:
    """A stripped string, or ``None`` for empty cells."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def role_of(text: object) -> str | None:
    """``owner`` / ``admin`` from 群主, 管理员, Owner, Admin …; ordinary members get ``None``."""
    value = str(text or "").strip().lower()
    if value in {"群主", "owner", "creator", "创建者"}:
        return "owner"
    if value in {"管理员", "admin", "administrator", "moderator"}:
        return "admin"
    return None


def via_of(text: object) -> str | None:
    """How someone joined, from the words member lists use (and WeCom's join_scene 1/2/3)."""
    value = str(text or "").strip()
    for words, via in ((("扫码", "二维码", "3"), "qr"), (("链接", "2"), "link"), (("邀请", "1"), "invite")):
        if any(word == value or (len(word) > 1 and word in value) for word in words):
            return via
    return None


def add_member(batch: Batch, taken_at: datetime, member_id: str, grp: str = "", **facts: object) -> None:
    """One row of a member list: a snapshot entry, plus a join event when the join time is given."""
    row = SnapshotMember(taken_at, member_id, grp=grp, **facts)  # type: ignore[arg-type]
    batch.snapshot_members.append(row)
    if row.joined_at:
        batch.member_events.append(
            MemberEvent(row.joined_at, "join", member_id, row.group_nickname or row.name, row.inviter_id, None,
                        row.via, row.campaign, "member_list", grp)
        )  # fmt: skip


def header_blocks(text: str, header: re.Pattern[str]) -> Iterator[tuple[int, str, str, str]]:
    """``(line, time, label, content)`` per block of a TXT export whose messages start with a
    ``header`` line (groups 1 and 2: time and label); a header counts only at the start or after a
    blank line, so a message quoting a header-like line stays one message."""
    current: list | None = None
    previous_blank = True
    for number, line in enumerate(text.split("\n"), start=1):
        match = header.match(line) if previous_blank else None
        if match:
            if current:
                yield _finish_block(current)
            current = [number, match[1], match[2], []]
        elif current is not None:
            current[3].append(line)
        previous_blank = not line.strip()
    if current:
        yield _finish_block(current)


def _finish_block(current: list) -> tuple[int, str, str, str]:
    number, stamp, who, lines = current
    return number, stamp, who, "\n".join(lines).strip("\n")
