"""Opening a document for `partnerplan import`: which format it is, and reading it safely.

Owns the limits (a zip's parts, their declared sizes, a converter's time) and the one
error type of the import, `ImportFailed`, whose message is Russian and names the file.
A .docx or .xlsx is a zip: its parts are checked *before* anything is decompressed, so
a 1.5 MB file that inflates to gigabytes is refused, not read. Python's zipfile never
returns more bytes than a part declares, so the declared sizes bound the memory. .doc,
.odt and .rtf (and .xls, .ods) are converted by LibreOffice when it is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass

# A plan of 100,000 rows is about 80 MB of document.xml; nothing real comes near these.
MAX_PART_BYTES = 160 * 1024 * 1024
MAX_TOTAL_BYTES = 320 * 1024 * 1024
MAX_PARTS = 5000
MAX_FILE_BYTES = 100 * 1024 * 1024  # the file itself, before any conversion
CONVERT_SECONDS = 180

WORD = "docx"
EXCEL = "xlsx"
_BY_EXTENSION = {
    ".docx": WORD,
    ".docm": WORD,
    ".dotx": WORD,
    ".xlsx": EXCEL,
    ".xlsm": EXCEL,
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
    ".xls": "xls",
    ".ods": "ods",
}
_CONVERT_TO = {"doc": WORD, "odt": WORD, "rtf": WORD, "xls": EXCEL, "ods": EXCEL}
_FORMAT_NAMES = {
    WORD: "документ Word (.docx)",
    EXCEL: "таблица Excel (.xlsx)",
    "doc": "документ Word 97–2003 (.doc)",
    "odt": "документ OpenDocument (.odt)",
    "rtf": "документ RTF (.rtf)",
    "xls": "таблица Excel 97–2003 (.xls)",
    "ods": "таблица OpenDocument (.ods)",
}


class ImportFailed(Exception):
    """The document cannot be imported; `message` says why in Russian, naming the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def format_name(kind: str) -> str:
    return _FORMAT_NAMES.get(kind, kind)


def sniff(path: str, data: bytes) -> str:
    """The document's format from its first bytes, the extension breaking ties."""
    ext = os.path.splitext(path)[1].lower()
    by_ext = _BY_EXTENSION.get(ext, "")
    if data[:4] == b"PK\x03\x04":
        if by_ext in (WORD, EXCEL, "odt", "ods"):
            return by_ext
        names = _zip_names(data)
        if any(n.startswith("word/") for n in names):
            return WORD
        if any(n.startswith("xl/") for n in names):
            return EXCEL
        if "content.xml" in names:
            return "ods" if ext == ".ods" else "odt"
        return by_ext or WORD
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Word or Excel 97–2003
        return "xls" if by_ext == "xls" else "doc"
    if data[:5] == b"{\\rtf":
        return "rtf"
    return by_ext or "unknown"


def _zip_names(data: bytes) -> list[str]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.namelist()[:MAX_PARTS]
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def read_file(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise ImportFailed(
                f"{path}: файл слишком большой ({size // (1024 * 1024)} МБ; "
                f"можно до {MAX_FILE_BYTES // (1024 * 1024)} МБ)"
            )
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise ImportFailed(f"{path}: не удаётся прочитать файл ({exc.strerror or exc})") from None


@dataclass(slots=True)
class SafeZip:
    """A zip whose parts were checked against the limits; `read` returns a part's bytes."""

    path: str
    zf: zipfile.ZipFile

    def names(self) -> list[str]:
        return self.zf.namelist()

    def has(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str) -> bytes:
        try:
            return self.zf.read(name)
        except KeyError:
            raise ImportFailed(f"{self.path}: в файле нет части {name} — документ повреждён") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise ImportFailed(f"{self.path}: часть {name} повреждена ({exc})") from None

    def close(self) -> None:
        self.zf.close()


def open_zip(path: str, data: bytes, kind: str) -> SafeZip:
    """Open `data` as a zip after checking the number of parts and their sizes."""
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFailed(
            f"{path}: не удаётся открыть как {format_name(kind)}: файл повреждён или это не zip ({exc})"
        ) from None
    if len(infos) > MAX_PARTS:
        raise ImportFailed(f"{path}: в файле {len(infos)} частей (можно до {MAX_PARTS}) — импорт отменён")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise ImportFailed(
                f"{path}: часть {info.filename} распаковывается в {info.file_size // (1024 * 1024)} МБ "
                f"(можно до {MAX_PART_BYTES // (1024 * 1024)} МБ) — импорт отменён"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise ImportFailed(
            f"{path}: файл распаковывается в {total // (1024 * 1024)} МБ "
            f"(можно до {MAX_TOTAL_BYTES // (1024 * 1024)} МБ) — импорт отменён"
        )
    return SafeZip(path, zf)


def office_program() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(path: str, kind: str) -> tuple[bytes, str]:
    """A .doc, .odt, .rtf, .xls or .ods converted by LibreOffice: (bytes, the new format)."""
    target = _CONVERT_TO.get(kind)
    if target is None:
        raise ImportFailed(
            f"{path}: формат не поддерживается; импорт читает .docx и .xlsx, а с LibreOffice — "
            ".doc, .odt, .rtf, .xls и .ods"
        )
    program = office_program()
    if program is None:
        raise ImportFailed(
            f"{path}: чтобы прочитать {format_name(kind)}, нужен LibreOffice (программа soffice): "
            "установите пакет libreoffice (Debian, Ubuntu: sudo apt install libreoffice-writer "
            "libreoffice-calc) или сохраните файл в Word/Excel как .docx или .xlsx"
        )
    filt = "docx:MS Word 2007 XML" if target == WORD else "xlsx:Calc MS Excel 2007 XML"
    with tempfile.TemporaryDirectory(prefix="partnerplan-import-") as tmp:
        source = os.path.join(tmp, "source" + os.path.splitext(path)[1].lower())
        shutil.copyfile(path, source)
        profile = "file://" + os.path.join(tmp, "profile")  # no clash with a running LibreOffice
        cmd = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            filt,
            "--outdir",
            tmp,
            source,
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_SECONDS, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ImportFailed(f"{path}: LibreOffice не смог преобразовать файл ({exc})") from None
        result = os.path.join(tmp, "source." + target)
        if not os.path.isfile(result):
            raise ImportFailed(
                f"{path}: LibreOffice не смог преобразовать {format_name(kind)} в .{target}: "
                "файл повреждён или защищён паролем"
            )
        with open(result, "rb") as f:
            return f.read(), target
