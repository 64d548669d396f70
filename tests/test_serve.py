"""`partnerplan serve`: every page and every edit through Starlette's test client (no
network), including the refusals: an invalid change, a stale file, a path outside the
folder, a request without the session's token, a foreign Host or Origin."""

from __future__ import annotations

import os
import re
import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # Starlette ≥ 1.0 asks for httpx2; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from partnerplan.plan.comments import comment_texts
from partnerplan.plan.format import format_text
from partnerplan.plan.loader import load_plan
from partnerplan.serve import Folder, create_app

from .conftest import PLANS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
RUK = "rukodelnitsa.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    shutil.copytree(PLANS, root)
    text = (root / RUK).read_text(encoding="utf-8")
    # Comments in the places ruamel loses them: after a list, inside a record, on a value.
    text = text.replace("        title: Консультации.\n", "        title: Консультации.  # по пятницам\n", 1)
    text = text.replace("  - id: psy_dept\n", "  # внутренние отделы центра\n  - id: psy_dept\n", 1)
    (root / RUK).write_text(text, encoding="utf-8")
    return root


class Browser:
    """A TestClient that keeps the session cookie and knows its token."""

    def __init__(self, client: TestClient, folder: Folder) -> None:
        self.client = client
        self.folder = folder
        page = client.get("/")
        found = re.search(r'"X-PP-Token": "([0-9a-f]+)"', page.text)
        assert found, page.text[:500]
        self.token = found.group(1)

    def get(self, url: str, **kw: Any) -> Any:
        return self.client.get(url, **kw)

    def form(self, url: str) -> dict[str, str]:
        """The hidden and visible fields of the first edit form on a page."""
        page = self.get(url)
        assert page.status_code == 200, page.text
        html = page.text.split('<form class="edit"', 1)[1].split("</form>", 1)[0]
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
        for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
            chosen = re.search(r'<option value="([^"]*)" selected', body)
            fields[name] = chosen.group(1) if chosen else ""
        for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
            fields[name] = body
        import html as htmllib

        return {k: htmllib.unescape(v) for k, v in fields.items()}

    def post(self, url: str, data: dict[str, Any], **kw: Any) -> Any:
        return self.client.post(url, data=data, follow_redirects=False, **kw)


@pytest.fixture
def web(folder: Path) -> Iterator[Browser]:
    state = Folder(str(folder))
    state.load_all()
    app = create_app(state, hosts=["testserver"], watch=False)
    with TestClient(app) as client:
        yield Browser(client, state)


def text_of(folder: Path, name: str = RUK) -> str:
    return (folder / name).read_text(encoding="utf-8")


def assert_sound(path: Path, before: str, lose: int = 0) -> None:
    """The file is fmt-canonical, valid, and kept every comment (but `lose`)."""
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text
    checked = load_plan(str(path))
    assert checked.ok, [d.message() for d in checked.errors]
    lost = set(comment_texts(before)) - set(comment_texts(text))
    assert len(lost) <= lose, lost


PAGES = [
    "/",
    "/?q=ГИБДД",
    f"/plan?f={RUK}",
    "/plan?f=elbrus/school1.yaml",
    "/calendar?month=2025-10",
    "/calendar?month=2025-10&view=list",
    "/calendar?month=2025-10&org=elbrus/school1.yaml&direction=профилактическое",
    "/partner/gibdd",
    "/report",
    "/report?year_end=1",
    "/diagnostics",
    f"/edit?f={RUK}",
    f"/activity?f={RUK}&p=0&a=0",
    f"/activity?f={RUK}&p=0",
    f"/partner-form?f={RUK}&p=0",
    f"/partner-form?f={RUK}",
    "/partner-form?f=elbrus/school1.yaml&p=0",
    f"/mark?f={RUK}&p=3&a=1&d=2025-10-01",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_russian_with_safe_headers(web: Browser, url: str) -> None:
    r = web.get(url)
    assert r.status_code == 200, r.text[:2000]
    assert "Обзор" in r.text and "Календарь" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert '<script src="/static/htmx.min.js"></script>' in r.text


def test_pages_speak_english_with_lang_en(folder: Path) -> None:
    state = Folder(str(folder))
    state.load_all()
    with TestClient(create_app(state, lang="en", hosts=["testserver"], watch=False)) as client:
        page = client.get("/")
    assert "Overview" in page.text and "Organisations" in page.text and "Обзор" not in page.text


def test_every_page_has_the_download_links_and_they_give_the_cli_bytes(web: Browser) -> None:
    from partnerplan.documents.ics import to_ics
    from partnerplan.documents.outputs import render_files

    page = web.get(f"/plan?f={RUK}").text
    for kind in ("docx", "md", "html", "ics"):
        assert f"/download?f={RUK}&amp;kind={kind}" in page
    entry = web.folder.entries[RUK]
    docx = web.get(f"/download?f={RUK}&kind=docx")
    assert docx.status_code == 200 and "rukodelnitsa.docx" in docx.headers["content-disposition"]
    assert (
        docx.content == render_files(entry.checked, "rukodelnitsa.docx", "docx", "plan")["rukodelnitsa.docx"]
    )
    assert web.get(f"/download?f={RUK}&kind=ics").content == to_ics(entry.checked.plan, entry.events)
    md = web.get(f"/download?f={RUK}&kind=md").content
    assert md == render_files(entry.checked, "rukodelnitsa.md", "md", "plan")["rukodelnitsa.md"]
    for url in ("/", "/report", "/diagnostics", "/calendar", "/partner/gibdd"):
        assert "/download/report?kind=docx" in web.get(url).text or "/download?f=" in web.get(url).text
    report = web.get("/download/report?kind=docx&year_end=1")
    assert report.status_code == 200 and "year-end.docx" in report.headers["content-disposition"]
    assert web.get("/download?f=rukodelnitsa.yaml&kind=exe").status_code == 404


def test_the_plan_page_is_the_html_render(web: Browser) -> None:
    from partnerplan.documents.outputs import render_files

    entry = web.folder.entries[RUK]
    html = render_files(entry.checked, "x.html", "html", "plan")["x.html"].decode()
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    page = web.get(f"/plan?f={RUK}").text
    assert table in page
    assert ".rendered table {" in page  # its stylesheet, confined to the rendered part


def test_calendar_month_grid_list_and_filters(web: Browser) -> None:
    grid = web.get("/calendar?month=2025-10").text
    assert "Октябрь 2025" in grid and "Пн" in grid and "Тематическая экскурсия" in grid
    only = web.get("/calendar?month=2025-10&view=list&org=elbrus/school1.yaml").text
    assert "Тематическая экскурсия" not in only
    by_form = web.get("/calendar?month=2025-10&view=list&form=экскурсия").text
    assert "Тематическая экскурсия" in by_form and "Конкурс агитбригад" not in by_form
    by_person = web.get("/calendar?month=2025-10&view=list&responsible=никто-такой").text
    assert "Событий в месяце: 0" in by_person


def test_partner_page_shows_the_network_and_conflicts(web: Browser) -> None:
    page = web.get("/partner/gibdd").text
    assert "Общеобразовательная школа № 1" in page and "Безопасное колесо" in page
    assert "Накладки" in page
    assert web.get("/partner/nobody").status_code == 404


def test_diagnostics_show_file_line_and_the_source_line(web: Browser) -> None:
    page = web.get("/diagnostics").text
    assert re.search(r"rukodelnitsa\.yaml:\d+:\d+: предупреждение\[PP204\]", page)
    assert " | " in page and "^" in page


def test_edit_an_activity_keeps_comments_and_the_file_canonical(web: Browser, folder: Path) -> None:
    before = text_of(folder)
    fields = web.form(f"/activity?f={RUK}&p=0&a=0")
    assert fields["period"] == "В течение года" and fields["partner"] == "org_dept"
    fields.update(period="Апрель", responsible="Петрова А. А.")
    r = web.post("/activity", fields)
    assert r.status_code == 303, r.text[:3000]
    after = text_of(folder)
    assert "        period: Апрель\n        responsible: Петрова А. А.\n" in after
    assert "# по пятницам" in after and "# внутренние отделы центра" in after
    assert_sound(folder / RUK, before)
    page = web.get(r.headers["location"]).text
    assert "Сохранено в rukodelnitsa.yaml" in page
    assert any(e.period == "Апрель" for e in web.folder.entries[RUK].events)  # the state follows


def test_add_move_and_delete_an_activity(web: Browser, folder: Path) -> None:
    before = text_of(folder)
    fields = web.form(f"/activity?f={RUK}&p=3")
    fields.update(form="экскурсия", title="Экскурсия «Зимний лес»", period="Январь", dates="20.01.2026")
    assert web.post("/activity", fields).status_code == 303
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None
    added = plan.partners[3].activities[-1]
    assert added.title == "Экскурсия «Зимний лес»" and [d.isoformat() for d in added.dates] == ["2026-01-20"]
    a = len(plan.partners[3].activities) - 1
    # move it to the first partner
    fields = web.form(f"/activity?f={RUK}&p=3&a={a}")
    fields["partner"] = "org_dept"
    assert web.post("/activity", fields).status_code == 303
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None and plan.partners[0].activities[-1].title == "Экскурсия «Зимний лес»"
    assert all(x.title != "Экскурсия «Зимний лес»" for x in plan.partners[3].activities)
    assert_sound(folder / RUK, before)
    # delete: a confirmation first, then the deletion
    last = len(plan.partners[0].activities) - 1
    page = web.get(f"/activity?f={RUK}&p=0&a={last}").text
    form = page.split('<form class="danger"', 1)[1].split("</form>", 1)[0]
    data = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    ask = web.post("/activity/delete", data)
    assert ask.status_code == 200 and "Да, удалить" in ask.text
    assert web.post("/activity/delete", {**data, "confirm": "1"}).status_code == 303
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None and all(x.title != "Экскурсия «Зимний лес»" for x in plan.partners[0].activities)
    assert_sound(folder / RUK, before)


def test_add_and_edit_a_partner(web: Browser, folder: Path) -> None:
    before = text_of(folder)
    fields = web.form(f"/partner-form?f={RUK}")
    fields.update(
        id="museum", name="Краеведческий музей", group="culture", purpose="Экскурсии по истории края."
    )
    r = web.client.post(
        "/partner-form", data={**fields, "directions": ["edu", "social"]}, follow_redirects=False
    )
    assert r.status_code == 303, r.text[:3000]
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None
    museum = plan.partners[-1]
    assert (museum.id, museum.group, museum.directions) == ("museum", "culture", ["edu", "social"])
    index = len(plan.partners) - 1
    fields = web.form(f"/partner-form?f={RUK}&p={index}")
    fields.update(name="Районный краеведческий музей", phone="+7 900 000-00-00")
    r = web.client.post("/partner-form", data={**fields, "directions": ["edu"]}, follow_redirects=False)
    assert r.status_code == 303, r.text[:3000]
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None and plan.partners[-1].name == "Районный краеведческий музей"
    assert plan.partners[-1].contacts is not None and plan.partners[-1].contacts.phone == "+7 900 000-00-00"
    assert_sound(folder / RUK, before)
    dup = web.form(f"/partner-form?f={RUK}")
    dup.update(id="museum", name="Ещё музей")
    r = web.post("/partner-form", dup)
    assert r.status_code == 422 and "уже есть" in r.text


def test_a_network_partner_keeps_its_shared_details_in_partners_yaml(web: Browser, folder: Path) -> None:
    name = "elbrus/school1.yaml"
    before = text_of(folder, name)
    fields = web.form(f"/partner-form?f={name}&p=0")
    assert fields["name"] == "Государственная инспекция безопасности дорожного движения"
    fields["person"] = "Инспектор Петров"
    assert web.post("/partner-form", fields).status_code == 303
    after = text_of(folder, name)
    assert "person: Инспектор Петров" in after and "Государственная инспекция" not in after
    assert_sound(folder / name, before)


def test_mark_an_event_done_then_unmark(web: Browser, folder: Path) -> None:
    before = text_of(folder)
    url = f"/mark?f={RUK}&p=3&a=1&d=2025-10-01"
    fields = web.form(url)
    fields.update(status="done", participants="14", note="всей группой")
    r = web.post("/mark", fields)
    assert r.status_code == 303, r.text[:3000]
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None
    log = plan.partners[3].activities[1].log
    assert [(x.planned.isoformat() if x.planned else None, x.status, x.participants) for x in log] == [
        ("2025-10-01", "done", 14)
    ]
    assert "проведено" in web.get("/calendar?month=2025-10&view=list").text
    fields = web.form(url)
    assert fields["participants"] == "14"
    fields.update(status="moved", held="2025-10-08")
    assert web.post("/mark", fields).status_code == 303
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None and plan.partners[3].activities[1].log[0].status == "moved"
    fields = web.form(url)
    assert web.post("/mark", {**fields, "unmark": "1"}).status_code == 303
    plan = load_plan(str(folder / RUK)).plan
    assert plan is not None and plan.partners[3].activities[1].log == []
    assert_sound(folder / RUK, before)
    bad = web.form(url)
    bad.update(status="done", participants="много")
    r = web.post("/mark", bad)
    assert r.status_code == 422 and "целое число" in r.text


def test_an_invalid_change_is_refused_with_the_diagnostic_beside_the_field(
    web: Browser, folder: Path
) -> None:
    before = text_of(folder)
    fields = web.form(f"/activity?f={RUK}&p=0&a=0")
    fields["period"] = "Октяборь каждый"
    r = web.post("/activity", fields)
    assert r.status_code == 422
    field = r.text.split('<div class="field invalid">', 1)[1].split("</div>\n</div>", 1)[0]
    assert 'name="period"' in field and "не удаётся понять период «Октяборь каждый»" in field
    assert "rukodelnitsa.yaml:" in r.text and "PP300" in r.text  # the diagnostic as the CLI prints it
    assert 'value="Октяборь каждый"' in r.text  # the user's input is kept
    assert text_of(folder) == before
    fields["period"], fields["form"] = "Октябрь", ""
    r = web.post("/activity", fields)
    assert r.status_code == 422 and "заполните это поле" in r.text and text_of(folder) == before
    fields["form"], fields["dates"] = "экскурсия", "31.02.2026"
    r = web.post("/activity", fields)
    assert r.status_code == 422 and "не дата" in r.text and text_of(folder) == before


def test_a_stale_form_is_refused_when_its_record_changed_on_disk(web: Browser, folder: Path) -> None:
    fields = web.form(f"/activity?f={RUK}&p=0&a=0")
    text = text_of(folder).replace("        period: В течение года\n", "        period: Сентябрь\n", 1)
    (folder / RUK).write_text(text, encoding="utf-8")  # the teacher saved in her editor
    fields["period"] = "Апрель"
    r = web.post("/activity", fields)
    assert r.status_code == 409 and "изменилась на диске" in r.text
    assert text_of(folder) == text  # her change stands, nothing was overwritten
    assert 'value="Апрель"' in r.text  # and the form still holds what was typed


def test_a_change_elsewhere_in_the_file_is_kept_and_said(web: Browser, folder: Path) -> None:
    fields = web.form(f"/activity?f={RUK}&p=0&a=0")
    text = text_of(folder).replace("# Пример", "# Пример", 1)
    text = text.replace(
        "        title: Методические разработки", "        title: Новые методические разработки", 1
    )
    (folder / RUK).write_text(text, encoding="utf-8")
    fields["period"] = "Апрель"
    r = web.post("/activity", fields)
    assert r.status_code == 303
    after = text_of(folder)
    assert "title: Новые методические разработки" in after and "period: Апрель" in after
    assert "менялся на диске" in web.get(r.headers["location"]).text


def test_paths_from_requests_never_leave_the_folder(web: Browser, folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(folder / RUK, outside)
    for f in ("../outside.yaml", str(outside), "/etc/passwd", "..%2Foutside.yaml", "partners.yaml"):
        assert web.get(f"/plan?f={f}").status_code == 404
        assert web.get(f"/download?f={f}&kind=docx").status_code == 404
        fields = {"_token": web.token, "f": f, "pid": "org_dept", "p": "0", "a": "-1", "form": "беседа"}
        assert web.post("/activity", fields).status_code == 404
    assert outside.read_text(encoding="utf-8") == (folder / RUK).read_text(encoding="utf-8")


def test_a_link_to_a_plan_outside_the_folder_is_not_served(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(folder / RUK, outside)
    os.symlink(outside, folder / "link.yaml")
    state = Folder(str(folder))
    state.load_all()
    assert "link.yaml" not in state.entries and ("link.yaml", "outside") in state.skipped
    with TestClient(create_app(state, hosts=["testserver"], watch=False)) as client:
        assert "ссылка ведёт за пределы папки" in client.get("/").text
        assert client.get("/edit?f=link.yaml").status_code == 404


def test_state_changing_requests_need_the_session_token(web: Browser, folder: Path) -> None:
    before = text_of(folder)
    fields = web.form(f"/activity?f={RUK}&p=0&a=0")
    fields["period"] = "Апрель"
    no_token = {k: v for k, v in fields.items() if k != "_token"}
    r = web.post("/activity", no_token)
    assert r.status_code == 403 and "ключа сессии" in r.text
    assert web.post("/activity", {**fields, "_token": "0" * 40}).status_code == 403
    assert web.post("/activity", fields, headers={"Origin": "http://evil.example"}).status_code == 403
    with TestClient(create_app(web.folder, hosts=["testserver"], watch=False)) as other:  # another session
        assert other.post("/activity", data=fields, follow_redirects=False).status_code == 403
    assert text_of(folder) == before
    ok = web.post("/activity", no_token, headers={"X-PP-Token": web.token})  # htmx sends it as a header
    assert ok.status_code == 303


def test_a_foreign_host_header_is_refused(web: Browser) -> None:
    assert web.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert web.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_everything_from_plan_files_is_escaped(web: Browser, folder: Path) -> None:
    text = text_of(folder).replace("title: Консультации.", 'title: "<script>alert(1)</script>"', 1)
    (folder / RUK).write_text(text, encoding="utf-8")
    web.folder.reload({str(folder / RUK)})
    for url in (
        "/",
        f"/plan?f={RUK}",
        f"/edit?f={RUK}",
        "/calendar?month=2025-09&view=list",
        f"/activity?f={RUK}&p=0&a=0",
        "/partner/org_dept",
    ):
        page = web.get(url).text
        assert "<script>alert(1)" not in page, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in web.get(f"/edit?f={RUK}").text


def test_live_poll_answers_when_the_folder_changed(web: Browser, folder: Path) -> None:
    v = web.folder.version
    assert web.get(f"/live?v={v}").status_code == 204
    (folder / RUK).write_text(text_of(folder).replace("Май-июнь", "Май", 1), encoding="utf-8")
    assert web.folder.reload({str(folder / RUK)})
    r = web.get(f"/live?v={v}")
    assert r.status_code == 200 and r.headers["hx-trigger"] == "pp-changed"
    banner = web.get(f"/live?v={v}&form=1&here=/edit")
    assert "изменился на диске" in banner.text


def test_the_watcher_reloads_a_plan_saved_on_disk(folder: Path) -> None:
    state = Folder(str(folder))
    state.load_all()
    with TestClient(create_app(state, hosts=["testserver"], watch=True)) as client:
        v = state.version
        time.sleep(0.3)  # the watcher starts
        (folder / RUK).write_text(text_of(folder).replace("Май-июнь", "Май", 1), encoding="utf-8")
        deadline = time.monotonic() + 5
        while state.version == v and time.monotonic() < deadline:
            time.sleep(0.05)
        assert state.version > v
        assert client.get(f"/live?v={v}").status_code == 200


def test_twenty_concurrent_edits_of_one_file_lose_nothing(web: Browser, folder: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    plan = web.folder.entries[RUK].checked.plan
    assert plan is not None
    urls = [
        f"/activity?f={RUK}&p={p}&a={a}"
        for p, x in enumerate(plan.partners)
        for a in range(len(x.activities))
    ]
    forms = [web.form(u) for u in urls[:20]]

    def submit(i: int) -> int:
        fields = {**forms[i], "responsible": f"Педагог № {i}"}
        return int(web.post("/activity", fields).status_code)

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(submit, range(20)))
    assert codes == [303] * 20
    text = text_of(folder)
    assert all(f"responsible: Педагог № {i}\n" in text for i in range(20))


def test_serve_command_binds_loopback_and_warns_for_another_host(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer
    import uvicorn
    from typer.testing import CliRunner

    from partnerplan.cli.common import Say
    from partnerplan.cli.serve import register

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    app = typer.Typer()
    register(app, Say("ru"), "ru")

    @app.callback()
    def _root() -> None:
        pass

    result = CliRunner().invoke(app, ["serve", str(folder)])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8765
    assert "http://127.0.0.1:8765/" in result.stdout and "Внимание" not in result.output
    result = CliRunner().invoke(app, ["serve", str(folder / RUK), "--host", "0.0.0.0", "--port", "9000"])
    assert seen["host"] == "0.0.0.0" and "Внимание: --host 0.0.0.0" in result.stderr
    result = CliRunner().invoke(app, ["serve", str(folder / "nope")])
    assert result.exit_code == 2 and "нет такого файла или папки" in result.stderr
