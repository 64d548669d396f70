"""How `partnerplan import` scales: `python benchmarks/import_bench.py [ROWS …]`.

Two kinds of document for each size (default 1,000 and 5,000 rows):

- «foreign»: a Word plan in another organisation's layout («№ | Мероприятие | Дата |
  Место проведения | Ответственный», a partner per place, a month group row every 30
  rows), written with lxml as Word writes it;
- «own»: partnerplan's own «Комплексный план» of a generated plan (benchmarks/genplan.py)
  with the plan embedded, rendered by `partnerplan render`;
- and the foreign plan as an .xlsx sheet.

For each: the seconds to read the document into plan data (`import_document`) and to
write it as YAML (`to_yaml`), the medians of three runs, and the time per 1,000 rows, so
a linear importer shows the same figure at every size.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MONTHS = ("Сентябрь", "Октябрь", "Ноябрь", "Декабрь", "Январь", "Февраль", "Март", "Апрель", "Май")
PLACES = (
    "МБОУ СОШ № {n}",
    "Детская библиотека № {n}",
    "ДК «Юность-{n}»",
    "с. Ивановка, парк",
    "Стадион «Старт»",
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def foreign_rows(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        place = PLACES[i % len(PLACES)].format(n=i % 97)
        rows.append(
            [
                f"{i + 1}.",
                f"Мероприятие «Встреча № {i + 1}» для обучающихся 5–7 классов",
                f"{1 + i % 28:02d}.{(9 + i // 300) % 12 + 1:02d}.2025",
                place,
                f"Иванова{i % 13} И. И.",
            ]
        )
    return rows


def foreign_docx(n: int) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("План мероприятий МБУ ДО «Центр творчества» на 2025-2026 учебный год")
    parts = [f'<w:tbl xmlns:w="{W}"><w:tblPr/><w:tblGrid>' + '<w:gridCol w:w="1800"/>' * 5 + "</w:tblGrid>"]

    def row(cells: list[str], span: int = 1) -> str:
        out = ["<w:tr>"]
        for text in cells:
            pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
            out.append(f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
        out.append("</w:tr>")
        return "".join(out)

    parts.append(row(["№", "Мероприятие", "Дата", "Место проведения", "Ответственный"]))
    for i, cells in enumerate(foreign_rows(n)):
        if i % 30 == 0:
            parts.append(row([MONTHS[(i // 30) % len(MONTHS)]], span=5))
        parts.append(row(cells))
    parts.append("</w:tbl>")
    from lxml import etree

    doc.element.body.insert(1, etree.fromstring("".join(parts).encode()))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def foreign_xlsx(n: int) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["План мероприятий МБУ ДО «Центр творчества» на 2025-2026 учебный год"])
    ws.append(["№", "Мероприятие", "Дата", "Место проведения", "Ответственный"])
    for cells in foreign_rows(n):
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def own_docx(n: int) -> bytes:
    from genplan import plan_text

    from partnerplan.documents.build import render
    from partnerplan.plan.loader import load_plan

    checked = load_plan(plan_text(n).encode(), path="bench.yaml", registry=None)
    return render(checked, "docx").data


def median(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    from partnerplan.documents.importer import import_document, to_yaml

    print(
        f"{'document':<10} {'rows':>6} {'size KB':>8} {'XML MB':>7} {'import s':>9} {'s/1000':>7} "
        f"{'to_yaml s':>9} {'activities':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for kind, make, ext in (
            ("foreign", foreign_docx, "docx"),
            ("own", own_docx, "docx"),
            ("xlsx", foreign_xlsx, "xlsx"),
        ):
            for n in sizes:
                path = Path(tmp) / f"{kind}-{n}.{ext}"
                path.write_bytes(make(n))
                with zipfile.ZipFile(path) as zf:
                    xml = sum(i.file_size for i in zf.infolist()) / 1e6
                imported = import_document(str(path), "2025/2026")
                acts = sum(len(p.get("activities", [])) for p in imported.data["partners"])
                t_import = median(lambda p=path: import_document(str(p), "2025/2026"))  # type: ignore[misc]
                t_yaml = median(lambda d=imported.data: to_yaml(d), runs=1)  # type: ignore[misc]
                print(
                    f"{kind:<10} {n:>6} {path.stat().st_size // 1024:>8} {xml:>7.1f} {t_import:>9.2f} "
                    f"{t_import / n * 1000:>7.2f} {t_yaml:>9.2f} {acts:>10}",
                    flush=True,
                )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
