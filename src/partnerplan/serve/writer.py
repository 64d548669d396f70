"""One web edit written into a plan file, or refused with the reason.

The change itself (what a form asks, on the text and on the data) is `changes`.
The steps, under the file's lock: read the file as it is now; find the record the form
was opened on (by partner id and the record's fingerprint, so concurrent edits of other
records of the file are applied, not lost, and a record changed on disk since the form
was opened is refused); splice the change into the text (`splice`); bring it to fmt's
canonical layout; prove it — the data read back is the old data with exactly this change,
and every comment is still there (a deleted record takes only its own); check the plan
(a change that adds an error is refused with the diagnostic, placed at its field); write
atomically, refusing if the file was saved in between. Nothing is written outside the
served folder.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from partnerplan.dates.schedule import plan_schedule
from partnerplan.diagnostics import Diagnostic
from partnerplan.diagnostics import format_text as diagnostic_text
from partnerplan.plan.check import Checked
from partnerplan.plan.loader import load_plan
from partnerplan.serve.changes import Change, Outcome, plan_change
from partnerplan.serve.splice import SpliceError
from partnerplan.serve.state import Folder, PlanEntry
from partnerplan.words import say


def apply(folder: Folder, entry: PlanEntry, change: Change, lang: str = "ru") -> Outcome:
    from partnerplan.fsutil import ReadError, WriteError, atomic_write, file_state, read_limited
    from partnerplan.plan.comments import comment_texts
    from partnerplan.plan.format import FormatError, format_text
    from partnerplan.plan.load import MAX_BYTES

    path = entry.path
    if not folder.inside(path):
        return Outcome("cannot", say("edit.cannot", lang, why=say("why.outside", lang)))
    with folder.write_lock(entry.key):
        try:
            raw = read_limited(path, MAX_BYTES)
        except ReadError as exc:
            return Outcome("cannot", say("edit.cannot", lang, why=say("why.write", lang, detail=exc.reason)))
        state = file_state(path, raw)
        current = load_plan(raw, path=path, registry=None).loaded
        data0 = current.data
        if not isinstance(data0, dict) or not isinstance(data0.get("partners", []), list):
            return Outcome("cannot", say("edit.cannot", lang, why=say("why.syntax", lang)))
        text0 = current.text.replace("\r\n", "\n")
        digest = hashlib.sha256(raw).hexdigest()
        try:
            text1, expected, where, refused = plan_change(text0, data0, change, lang)
        except SpliceError as exc:
            why = (
                say("why.syntax", lang)
                if exc.code == "syntax"
                else say("why.internal", lang, detail=f"{exc.code} {exc.detail}".strip())
            )
            return Outcome("cannot", say("edit.cannot", lang, why=why))
        if refused is not None:
            return refused
        assert text1 is not None
        try:
            final = format_text(text1)
        except FormatError as exc:
            return Outcome(
                "cannot", say("edit.cannot", lang, why=say("why.internal", lang, detail=exc.detail))
            )
        reread = load_plan(final.encode("utf-8"), path=path, registry=None).loaded.data
        if reread != expected:
            return Outcome("cannot", say("edit.cannot", lang, why=say("why.internal", lang, detail="data")))
        lost = Counter(comment_texts(text0)) - Counter(comment_texts(final))
        lost -= Counter(_removed_comments(text1, text0, change))
        if lost:
            comment = next(iter(lost))
            return Outcome("cannot", say("edit.cannot", lang, why=say("why.comment", lang, comment=comment)))
        checked = load_plan(final.encode("utf-8"), path=path)
        after = _diagnostics(checked)
        before = entry.diagnostics if entry.digest == digest else _diagnostics(load_plan(raw, path=path))
        known = Counter((d.code, d.message("ru")) for d in before if d.severity == "error")
        new_errors = []
        for d in after:
            if d.severity != "error":
                continue
            if known[(d.code, d.message("ru"))] > 0:
                known[(d.code, d.message("ru"))] -= 1
            else:
                new_errors.append(d)
        if new_errors:
            return _invalid(new_errors, checked, where, entry.key, lang)
        try:
            atomic_write(path, final.encode("utf-8"), expect=state)
        except WriteError as exc:
            if exc.reason == "changed":
                return Outcome("stale", say("edit.stale", lang))
            return Outcome("cannot", say("edit.cannot", lang, why=say("why.write", lang, detail=exc.reason)))
        folder.reload({path})
        notes = []
        if change.base and change.base != digest:
            notes.append(say("edit.merged", lang))
        if final != text1 and folder.cached(f"canonical:{digest}", lambda: _canonical(text0)) is False:
            notes.append(say("edit.reformatted", lang))
        old_warnings = Counter((d.code, d.message("ru")) for d in before if d.severity == "warning")
        fresh = [d for d in after if d.severity == "warning" and not old_warnings[(d.code, d.message("ru"))]]
        if fresh:
            notes.append(say("edit.warnings", lang))
            notes.extend(d.message(lang) for d in fresh[:5])
        return Outcome("saved", say("edit.saved", lang, f=entry.key), notes=notes, where=where)


def _canonical(text: str) -> bool:
    from partnerplan.plan.format import FormatError, format_text

    try:
        return format_text(text) == text
    except FormatError:
        return False


def _diagnostics(checked: Checked) -> list[Diagnostic]:
    diags = list(checked.diagnostics)
    if checked.ok:
        diags.extend(plan_schedule(checked).diagnostics)
    return sorted(diags, key=Diagnostic.sort_key)


def _removed_comments(text1: str, text0: str, change: Change) -> list[str]:
    """The comments a deletion takes with its record (a removed mark has none to keep)."""
    from partnerplan.plan.comments import comment_texts

    if change.op != "activity.delete" and not (change.op == "log.mark" and change.values is None):
        return []
    return list((Counter(comment_texts(text0)) - Counter(comment_texts(text1))).elements())


def _invalid(
    diags: list[Diagnostic], checked: Checked, where: tuple[int, int] | None, key: str, lang: str
) -> Outcome:
    smap = checked.loaded.source_map
    at: dict[tuple[int, int], tuple[str | int, ...]] = {}
    for path, pos, _ in smap.items():
        if pos not in at or len(path) > len(at[pos]):
            at[pos] = path
    out = Outcome("invalid", say("edit.refused", lang))
    lines = checked.loaded.lines
    for d in diags:
        text = d.message(lang) + (f" ({d.hint(lang)})" if d.hint(lang) else "")
        path = at.get((d.line, d.column), ())
        name = _field(path, where)
        out.fields.setdefault(name, []).append(text)
        out.details.append(diagnostic_text(d, lines, lang).replace(checked.loaded.path, key, 1))
    return out


def _field(path: tuple[str | int, ...], where: tuple[int, int] | None) -> str:
    """The form field a diagnostic's position belongs to ("" for the form as a whole)."""
    if where is None or len(path) < 3 or path[0] != "partners" or path[1] != where[0]:
        return ""
    rest = path[2:]
    if where[1] >= 0:
        if len(rest) < 3 or rest[0] != "activities" or rest[1] != where[1]:
            return ""
        rest = rest[2:]
        if rest and rest[0] == "log":
            rest = rest[2:] if len(rest) > 2 else ()
    if rest and rest[0] == "contacts" and len(rest) > 1:
        return str(rest[1])
    return str(rest[0]) if rest else ""
