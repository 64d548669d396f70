"""Office files as reproducible bytes: the same plan gives the same file, byte for byte.

python-docx and openpyxl stamp every zip member with the wall clock, so two renders a
second apart differ and a web download never equals the CLI's file. `fixed_zip` rewrites
the archive with one fixed timestamp and fixed permissions, members in their order.
"""

from __future__ import annotations

import io
import zipfile

ZIP_TIME = (2025, 9, 1, 0, 0, 0)


def fixed_zip(raw: bytes) -> bytes:
    """`raw` (a zip archive) with every member dated `ZIP_TIME`; the contents are unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
