"""A file (or pasted text) on its way in: its bytes, its decoded head for sniffing, its text.

Sniffing looks only at content, never at the file name: exporters name files after whatever the
user typed, and later builds moved files into other folders. A zip archive (WhatsApp's export with
media, a zipped QQChatExporter folder) is looked into: its members are listed, never extracted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..i18n import t
from ..safety.limits import EXPORT, check_zip
from .encoding import decode, is_utf8
from .errors import InputError

HEAD_BYTES = 64 * 1024


@dataclass
class Source:
    """One input: a path on disk, or text pasted into the page."""

    name: str
    path: Path | None = None
    pasted: str | None = None
    memo: dict[str, object] = field(default_factory=dict, repr=False)  # parsed views, e.g. sheet headers
    parts: list[Path] = field(default_factory=list, repr=False)  # further files of the same export (QCE chunks)
    _scratch: list[Path] = field(default_factory=list, repr=False)
    language: str = "zh"  # of the fix-it errors about this file

    @classmethod
    def open(cls, path: Path, name: str | None = None, language: str = "zh") -> Source:
        """The file at ``path``; ``name`` is what to call it (an upload's own name) if not its file name."""
        if not path.exists():
            raise InputError(t("import.error.not_found", language, path=path))
        if not path.is_file():
            raise InputError(t("import.error.not_file", language, path=path))
        if path.stat().st_size == 0:
            raise InputError(t("import.error.empty_file", language, name=path.name))
        return cls(name=name or path.name, path=path, language=language)

    @classmethod
    def from_text(cls, text: str, name: str = "粘贴的文本", language: str = "zh") -> Source:
        if not text.strip():
            raise InputError(t("import.error.empty_paste", language))
        return cls(name=name, pasted=text, language=language)

    @cached_property
    def raw_head(self) -> bytes:
        if self.pasted is not None:
            return self.pasted[:HEAD_BYTES].encode("utf-8")
        with open(self.path, "rb") as handle:  # type: ignore[arg-type]
            return handle.read(HEAD_BYTES)

    @cached_property
    def _zip_names(self) -> list[str] | None:
        """The member names of a zip file (workbooks are zips too); ``None`` if this is no readable zip."""
        if not self.raw_head.startswith(b"PK\x03\x04") or self.path is None:
            return None
        try:
            with zipfile.ZipFile(self.path) as archive:
                return archive.namelist()
        except (zipfile.BadZipFile, OSError):
            return None

    @property
    def is_xlsx(self) -> bool:
        return "xl/workbook.xml" in (self._zip_names or [])

    @property
    def is_zip(self) -> bool:
        """A zip archive that is not a workbook."""
        return self._zip_names is not None and not self.is_xlsx

    @property
    def damaged_zip(self) -> bool:
        """Starts like a zip (or XLSX) but cannot be opened: usually a download or copy cut short."""
        return self.raw_head.startswith(b"PK\x03\x04") and self._zip_names is None

    def damaged_zip_kind(self) -> str:
        """What a damaged archive was, from the member names in the local headers that survived."""
        names = list(dict.fromkeys(_local_names(self.raw_head)))
        if any(name.startswith("xl/") or name == "[Content_Types].xml" for name in names):
            return "Excel 工作簿（.xlsx）"
        shown = "、".join(name for name in names if not name.endswith("/"))[:120]
        return f"ZIP 压缩包（里面有 {shown}）" if shown else "ZIP 压缩包"

    def members(self) -> list[str]:
        return list(self._zip_names or [])

    def read_member(self, name: str) -> bytes:
        """One member's bytes; a damaged member is reported as a damaged archive."""
        try:
            with zipfile.ZipFile(self.path) as archive:  # type: ignore[arg-type]
                check_zip(archive, self.name, EXPORT, self.language)
                return archive.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise InputError(t("import.error.zip_member", self.language, file=self.name, member=name, error=exc)) from exc

    @cached_property
    def _head_decoded(self) -> tuple[str, str]:
        if self.pasted is not None:
            return self.pasted[:HEAD_BYTES], "utf-8"
        if self.raw_head.startswith(b"PK\x03\x04"):
            return "", "xlsx"
        return decode(self.raw_head, partial=True, language=self.language)

    @property
    def head(self) -> str:
        """The decoded first 64 KB ('' for workbooks); enough for every sniffer."""
        return self._head_decoded[0]

    @property
    def encoding(self) -> str:
        """The encoding found for the head, reported to the user as an assumption."""
        return self._head_decoded[1]

    @cached_property
    def header_row(self) -> list[str]:
        """The first CSV row of the head, stripped, for header-based sniffers."""
        if not self.head:
            return []
        first = next(csv.reader(io.StringIO(self.head.split("\n", 1)[0])), [])
        return [cell.strip().lstrip("\ufeff") for cell in first]

    @cached_property
    def decoded(self) -> tuple[str, str]:
        if self.pasted is not None:
            return self.pasted.replace("\r\n", "\n"), "utf-8"
        return decode(self.path.read_bytes(), language=self.language)  # type: ignore[union-attr]

    @property
    def text(self) -> str:
        return self.decoded[0]

    @cached_property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        if self.pasted is not None:
            digest.update(self.pasted.encode("utf-8"))
            return digest.hexdigest()
        for path in [self.path, *sorted(self.parts)]:  # an export in several files is one import
            with open(path, "rb") as handle:  # type: ignore[arg-type]
                while block := handle.read(1 << 22):
                    digest.update(block)
        return digest.hexdigest()

    def utf8_path(self) -> Path:
        """A path DuckDB can read: the file itself when it is UTF-8, else a transcoded copy."""
        assert self.path is not None
        if is_utf8(str(self.path)):
            return self.path
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".csv", delete=False) as handle:
            handle.write(self.text)
        copy = Path(handle.name)
        self._scratch.append(copy)
        return copy

    def cleanup(self) -> None:
        for path in self._scratch:
            path.unlink(missing_ok=True)
        self._scratch.clear()


def _local_names(data: bytes) -> list[str]:
    """Member names of a zip's local file headers (they precede each member's data)."""
    names, start = [], data.find(b"PK\x03\x04")
    while start != -1 and start + 30 <= len(data):
        size = int.from_bytes(data[start + 26 : start + 28], "little")
        names.append(data[start + 30 : start + 30 + size].decode("utf-8", errors="replace"))
        start = data.find(b"PK\x03\x04", start + 30 + size)
    return names
