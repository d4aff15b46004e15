"""Opening a workbook someone else made: limits first, and every parser failure as one message.

openpyxl refuses files by their extension (an .xlsx renamed .csv), decompresses members as it
reads them and raises a dozen kinds of exceptions from zipfile, lxml and itself. Both the history
importers and the document loaders open workbooks through here, so a damaged or hostile workbook
always becomes the same :class:`InputError`, checked against the zip limits before any XML is read.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from ..errors import InputError
from ..i18n import t
from .limits import OFFICE, check_zip

# What openpyxl lets through from a file that is not the workbook it claims to be.
BROKEN_WORKBOOK = (zipfile.BadZipFile, zipfile.LargeZipFile, InvalidFileException, ParseError, SyntaxError,
                   zlib.error, KeyError, ValueError, IndexError, TypeError, EOFError, OSError)


def open_workbook(handle: IO[bytes], name: str, language: str = "zh") -> Workbook:
    """A read-only workbook of ``handle`` (a seekable binary file); ``InputError`` (in ``language``) when unusable."""
    try:
        with zipfile.ZipFile(handle) as archive:
            check_zip(archive, name, OFFICE, language)
        handle.seek(0)
        return load_workbook(handle, read_only=True, data_only=True)
    except BROKEN_WORKBOOK as exc:
        raise broken(name, exc, language) from exc


@contextmanager
def reading(handle: IO[bytes], name: str, language: str = "zh") -> Iterator[Workbook]:
    """:func:`open_workbook` for the block that reads its sheets, closed after it: a sheet's XML is
    read only then, so a failure there becomes the same :class:`InputError`."""
    book = open_workbook(handle, name, language)
    try:
        yield book
    except BROKEN_WORKBOOK as exc:
        raise broken(name, exc, language) from exc
    finally:
        book.close()


def broken(name: str, exc: BaseException, language: str = "zh") -> InputError:
    """The message for a workbook that fails while its sheets are read."""
    detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
    return InputError(t("workbook.error.broken", language, name=name, detail=detail))
