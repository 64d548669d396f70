"""`partnerplan serve` on the district (300 organisations × 40 partners × 5 activities =
60,000 activities, made as `bench.py --district` makes it):

    .venv/bin/python benchmarks/serve_bench.py            # the district
    .venv/bin/python benchmarks/serve_bench.py --orgs 30  # a smaller one

Measures, against a real uvicorn server on 127.0.0.1 (a free port, stopped at the end):
reading the folder at start-up; the overview and a month of the calendar (grid and list),
each a median of repeated requests (target: under a second); and 20 concurrent edits of
different activities of one plan file (each opens its form, then saves), after which
every one of the 20 changes must be in the file. All request loops are bounded.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import socket
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from genplan import plan_text  # noqa: E402


def make_district(orgs: int, partners: int = 40, per: int = 5) -> pathlib.Path:
    """The same folder `bench.py --district` makes (its 10 shared partners included)."""
    folder = DATA / f"district-{orgs}"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    shared = 10
    (folder / "partners.yaml").write_text(
        "version: 1\npartners:\n"
        + "".join(f"  - {{id: s{i}, name: Общий партнёр района № {i}, group: law}}\n" for i in range(shared)),
        encoding="utf-8",
    )
    for o in range(orgs):
        text = plan_text(partners * per, per_partner=per).replace(
            "Творческое объединение «Рукодельница»", f"Школа № {o + 1}"
        )
        text = text.replace("  - id: p", f"  - id: o{o}p")
        for i in range(shared):
            text = text.replace(f"  - id: o{o}p{i}\n", f"  - id: s{i}\n", 1)
        (folder / f"school-{o:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(client: object, url: str, repeat: int) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(url)  # type: ignore[attr-defined]
        times.append(time.perf_counter() - t0)
        assert r.status_code == 200, (url, r.status_code)
        size = len(r.content)
    return statistics.median(times), size


def main() -> None:
    import httpx
    import uvicorn

    from partnerplan.serve import Folder, create_app

    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder_path = make_district(args.orgs)
    target = folder_path / "school-000.yaml"
    original = target.read_bytes()
    t0 = time.perf_counter()
    folder = Folder(str(folder_path))
    folder.load_all()
    load_s = time.perf_counter() - t0
    acts = sum(e.activities for e in folder.entries.values())
    events = sum(e.dated for e in folder.entries.values())
    print(f"district: {len(folder.entries)} plans, {acts} activities, {events} dated events")
    print(f"  start-up: read, check and schedule the folder   {load_s:7.2f} s")

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(folder, watch=False), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.05)
        with httpx.Client(base_url=base, timeout=120) as client:
            token = re.search(r'"X-PP-Token": "([0-9a-f]+)"', client.get("/").text)
            assert token
            for label, url in (
                ("overview /", "/"),
                ("calendar, month grid", "/calendar?month=2025-10"),
                ("calendar, month list", "/calendar?month=2025-10&view=list"),
                ("calendar, one school's month", "/calendar?month=2025-10&org=school-000.yaml"),
            ):
                first, _ = timed(client, url, 1)
                median, size = timed(client, url, args.repeat)
                verdict = "ok" if max(first, median) < 1 else "SLOW"
                print(
                    f"  {label:<34} first {first:6.3f} s, median {median:6.3f} s, {size // 1024} KiB  {verdict}"
                )
            forms = []
            for i in range(20):
                page = client.get(f"/activity?f=school-000.yaml&p={i // 5}&a={i % 5}").text
                form = page.split('<form class="edit"', 1)[1].split("</form>", 1)[0]
                forms.append(dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)))

            def save(i: int) -> int:
                data = {
                    **forms[i],
                    "partner": forms[i]["pid"],
                    "responsible": f"Педагог № {i} (одновременно)",
                }
                with httpx.Client(base_url=base, timeout=300, cookies=client.cookies) as own:
                    return own.post("/activity", data=data).status_code

            t0 = time.perf_counter()
            with ThreadPoolExecutor(20) as pool:
                codes = list(pool.map(save, range(20)))
            edits_s = time.perf_counter() - t0
        text = target.read_text(encoding="utf-8")
        kept = sum(f"responsible: Педагог № {i} (одновременно)\n" in text for i in range(20))
        print(
            f"  20 concurrent edits of school-000.yaml          {edits_s:7.2f} s, answers {sorted(set(codes))}"
        )
        print(
            f"    changes in the file afterwards: {kept} of 20 {'(nothing lost)' if kept == 20 else '(LOST)'}"
        )
    finally:
        server.should_exit = True
        thread.join(30)
        target.write_bytes(original)


if __name__ == "__main__":
    main()
