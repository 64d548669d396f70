"""`partnerplan serve` in a real browser: Debian's headless Chromium driven by Selenium
with chromium-driver (skipped where either is missing). The server binds 127.0.0.1 on a
free port, stops itself after a bounded number of requests and seconds, and is stopped
by this test through its process id.

Set PARTNERPLAN_SCREENSHOTS=folder to keep the screenshot of every page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from partnerplan.plan.comments import comment_texts

from .conftest import PLANS, Run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no Chromium or chromium-driver here"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
RUK = "rukodelnitsa.yaml"
SERVER = """
import sys, threading, os, uvicorn
from partnerplan.serve import Folder, create_app
threading.Timer(float(sys.argv[3]), lambda: os._exit(3)).start()  # bounded in time
folder = Folder(sys.argv[1]); folder.load_all()
uvicorn.run(create_app(folder), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning",
            limit_max_requests=int(sys.argv[4]))  # and in requests
"""
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1366,1000",
    "--hide-scrollbars",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "plans"
    shutil.copytree(PLANS, root)
    text = (root / RUK).read_text(encoding="utf-8")
    text = text.replace("        title: Консультации.\n", "        title: Консультации.  # по пятницам\n", 1)
    text = text.replace("  - id: psy_dept\n", "  # внутренние отделы центра\n  - id: psy_dept\n", 1)
    (root / RUK).write_text(text, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(root), str(port), "240", "3000"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/live?v=-1", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "no server") from None
                time.sleep(0.2)
        yield url, root
    finally:
        proc.terminate()  # by its process id
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        if proc.stderr is not None:
            proc.stderr.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium'}")
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


PAGES = {
    "overview": ("/", "Планы работы с социальными партнёрами"),
    "plan": (f"/plan?f={RUK}", "Творческое объединение «Рукодельница»"),
    "calendar": ("/calendar?month=2025-10", "Октябрь 2025"),
    "calendar-list": ("/calendar?month=2025-10&view=list", "Октябрь 2025"),
    "partner": ("/partner/gibdd", "Государственная инспекция"),
    "report": ("/report", "Отчёт о работе с социальными партнёрами"),
    "year-end": ("/report?year_end=1", "Итоги года"),
    "diagnostics": ("/diagnostics", "Замечания к планам"),
    "edit": (f"/edit?f={RUK}", "Правка плана"),
    "activity": (f"/activity?f={RUK}&p=3&a=1", "Мероприятие"),
    "partner-form": (f"/partner-form?f={RUK}&p=3", "Сведения о партнёре"),
    "mark": (f"/mark?f={RUK}&p=3&a=1&d=2025-10-01", "Отметка о проведении"),
}


def shoot(driver: Any, name: str, tmp_path: Path) -> None:
    keep = os.environ.get("PARTNERPLAN_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"serve-{name}.png"))


def main_text(browser: Any) -> str:
    """The page's main text. The live poll swaps <main> when a plan file changes (the test's
    own edit does that), so an element found a moment ago may be gone: find it again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for _ in range(50):
        try:
            return str(browser.find_element(By.TAG_NAME, "main").text)
        except StaleElementReferenceException:
            time.sleep(0.1)
    raise AssertionError("<main> kept changing")


def wait_for(check: Any, seconds: float) -> float:
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - start


def test_each_page_loads_and_an_activity_is_edited_through_the_form(
    served: tuple[str, Path], browser: Any, tmp_path: Path, run: Run
) -> None:
    from selenium.webdriver.common.by import By

    url, root = served
    for name, (path, heading) in PAGES.items():
        browser.get(url + path)
        assert heading in main_text(browser), name
        assert not browser.find_elements(By.CSS_SELECTOR, ".banner.bad"), name
        shoot(browser, name, tmp_path)
    before = (root / RUK).read_text(encoding="utf-8")
    browser.get(url + f"/activity?f={RUK}&p=0&a=0")
    period = browser.find_element(By.NAME, "period")
    period.clear()
    period.send_keys("Апрель")
    responsible = browser.find_element(By.NAME, "responsible")
    responsible.clear()
    responsible.send_keys("Петрова А. А.")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    wait_for(lambda: "/edit?" in browser.current_url, 20)
    assert "Сохранено в rukodelnitsa.yaml" in main_text(browser)
    shoot(browser, "saved", tmp_path)
    after = (root / RUK).read_text(encoding="utf-8")
    assert "        period: Апрель\n        responsible: Петрова А. А.\n" in after
    assert sorted(comment_texts(after)) == sorted(comment_texts(before))
    code, out, err = run("fmt", "--check", str(root / RUK))
    assert code == 0, out + err
    code, out, err = run("validate", str(root / RUK))
    assert code == 0, out + err
    # a refused change: the diagnostic stands beside the field, the file is untouched
    browser.get(url + f"/activity?f={RUK}&p=0&a=0")
    period = browser.find_element(By.NAME, "period")
    period.clear()
    period.send_keys("Октяборь каждый")
    browser.find_element(By.CSS_SELECTOR, "button.primary").click()
    error = browser.find_element(By.CSS_SELECTOR, ".field.invalid .error")
    assert "не удаётся понять период" in error.text
    shoot(browser, "refused", tmp_path)
    assert (root / RUK).read_text(encoding="utf-8") == after


def test_an_open_page_follows_a_save_on_disk(served: tuple[str, Path], browser: Any, tmp_path: Path) -> None:

    url, root = served
    browser.get(url + f"/plan?f={RUK}")
    assert "Экскурсия в зимний лес" not in main_text(browser)
    time.sleep(2.0)  # the watcher has started watching the folder
    text = (root / RUK).read_text(encoding="utf-8")
    (root / RUK).write_text(
        text.replace("title: Экскурсии.", "title: Экскурсия в зимний лес", 1), encoding="utf-8"
    )
    # The page follows by itself (no reload by the test); how fast is benchmarks/serve_bench.py's
    # business, not a timed unit test's: here a loaded machine may take a while.
    wait_for(lambda: "Экскурсия в зимний лес" in main_text(browser), 30)
