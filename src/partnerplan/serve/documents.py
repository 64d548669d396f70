"""Documents for the pages and the download links: the same bytes the CLI writes
(`render`, `report`, `schedule --format ics`), cached per version of the folder, and the
HTML render placed inside a page with its stylesheet confined to it."""

from __future__ import annotations

import re
from typing import Any

from partnerplan.serve.state import Folder, PlanEntry

PLAN_KINDS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def xlsx_writer() -> Any:
    """The Excel writer (`documents.xlsx`) when this installation has it, else None."""
    import importlib

    try:
        return importlib.import_module("partnerplan.documents.xlsx")
    except ImportError:
        return None


REPORT_KINDS = ("docx", "md", "html")


def plan_file(folder: Folder, entry: PlanEntry, kind: str, lang: str) -> tuple[str, bytes]:
    """(file name, bytes) of one plan's document, as `partnerplan render`/`schedule` name it."""
    from partnerplan.documents.outputs import default_output, render_files

    if kind == "ics":
        from partnerplan.documents.ics import to_ics

        assert entry.checked.plan is not None
        name = entry.key.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".ics"
        return name, folder.cached(f"ics:{entry.key}", lambda: to_ics(entry.checked.plan, entry.events))
    if kind == "xlsx":
        writer = xlsx_writer()
        assert writer is not None
        name = default_output(entry.path, "docx", "plan")[: -len("docx")] + "xlsx"
        return name, folder.cached(f"xlsx:{entry.key}", lambda: writer.plan_xlsx(entry.checked))
    name = default_output(entry.path, kind, "plan")

    def build() -> bytes:
        files = render_files(entry.checked, name, kind, "plan", lang=lang)
        return files[name]

    return name, folder.cached(f"{kind}:{entry.key}:{lang}", build)


def report_file(folder: Folder, kind: str, year_end: bool, lang: str) -> tuple[str, bytes] | None:
    """The network report (or the year-end analysis) as `partnerplan report` writes it."""
    name = f"{'year-end' if year_end else 'report'}.{kind}"

    def build() -> bytes | None:
        from partnerplan.documents.outputs import report_files

        net = folder.cached("network", lambda: network(folder))
        if not net.orgs:
            return None
        return report_files(net, name, kind, year_end=year_end, lang=lang)[name]

    data = folder.cached(f"report:{kind}:{year_end}:{lang}", build)
    return (name, data) if data is not None else None


def network(folder: Folder) -> Any:
    """What `documents.build.load_network` gives for the folder, from the plans already
    read and scheduled (a plan with errors is left out, as the CLI leaves it out)."""
    from partnerplan.documents.build import Network
    from partnerplan.documents.report import OrgPlan

    net = Network([], [])
    for e in folder.entries.values():
        plan, voc = e.checked.plan, e.checked.vocabulary
        if e.ok and not e.errors and plan is not None and voc is not None:
            net.orgs.append(OrgPlan(e.path, plan, voc, e.events))
        else:
            net.skipped.append((e.key, ""))
    return net


# --- an HTML document inside a page ---------------------------------------------------

_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def embedded(html: str, scope: str) -> tuple[str, str]:
    """(stylesheet, body) of a rendered document, the stylesheet's rules limited to
    elements inside `.scope`, so the document looks exactly as it does on its own while
    the page around it keeps its own look."""
    css = "\n".join(_STYLE.findall(html))
    body = _BODY.search(html)
    return scope_css(css, f".{scope}"), body.group(1) if body else html


def scope_css(css: str, prefix: str) -> str:
    css = _COMMENT.sub("", css)
    out: list[str] = []
    i = 0
    while i < len(css):
        open_ = css.find("{", i)
        if open_ == -1:
            break
        head = css[i:open_].strip()
        close = _matching(css, open_)
        inner = css[open_ + 1 : close]
        if head.startswith("@media"):
            out.append(f"{head} {{ {scope_css(inner, prefix)} }}")
        elif head.startswith("@"):
            pass  # @page and the like mean nothing inside a page
        else:
            selectors = [_scoped(s.strip(), prefix) for s in head.split(",") if s.strip()]
            out.append(f"{', '.join(selectors)} {{{inner}}}")
        i = close + 1
    return "\n".join(out)


def _scoped(selector: str, prefix: str) -> str:
    for root in ("html", "body"):
        if selector == root:
            return prefix
        if selector.startswith(root + " "):
            return prefix + selector[len(root) :]
    return f"{prefix} {selector}"


def _matching(css: str, open_: int) -> int:
    depth = 0
    for j in range(open_, len(css)):
        if css[j] == "{":
            depth += 1
        elif css[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(css)


def plan_html(folder: Folder, entry: PlanEntry, lang: str) -> tuple[str, str]:
    _, data = plan_file(folder, entry, "html", lang)
    return embedded(data.decode("utf-8"), "rendered")


def report_html(folder: Folder, year_end: bool, lang: str) -> tuple[str, str] | None:
    made = report_file(folder, "html", year_end, lang)
    if made is None:
        return None
    return embedded(made[1].decode("utf-8"), "rendered")


def downloads_for(entry: PlanEntry | None) -> list[tuple[str, str]]:
    """(kind, url) of the download links of a page about one plan."""
    if entry is None or not entry.ok:
        return []
    from urllib.parse import quote

    kinds = [k for k in PLAN_KINDS if k != "xlsx" or xlsx_writer() is not None]
    return [(kind, f"/download?f={quote(entry.key)}&kind={kind}") for kind in kinds]


def report_downloads(year_end: bool = False) -> list[tuple[str, str]]:
    flag = "&year_end=1" if year_end else ""
    return [(kind, f"/download/report?kind={kind}{flag}") for kind in REPORT_KINDS]


def content_type(kind: str) -> str:
    return PLAN_KINDS.get(kind, "application/octet-stream")


def attachment(name: str) -> dict[str, Any]:
    from urllib.parse import quote

    return {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
