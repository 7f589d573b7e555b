"""Save and export from the app: files in a terminal, downloads in a browser; Ctrl+E to .html writes the report."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("textual")

from costcalc.planning.planfile import parse_plan_file  # noqa: E402
from costcalc.render import words  # noqa: E402
from costcalc.tui.app import CostcalcApp  # noqa: E402
from costcalc.tui.delivery import deliver, whole_packets  # noqa: E402
from costcalc.tui.table import ComparisonTable  # noqa: E402

from .pagetext import text_of  # noqa: E402
from .pilot import type_into  # noqa: E402


def test_in_a_terminal_the_file_is_written_where_asked(tmp_path):
    target = tmp_path / "plan.toml"
    where = deliver(SimpleNamespace(is_web=False), str(target), lambda path: path.write_text("x = 1\n"))
    assert where == str(target) and target.read_text() == "x = 1\n"


def test_in_a_browser_the_file_is_offered_as_a_download_of_the_same_name(tmp_path):
    offered = []

    def deliver_binary(path, *, save_filename):
        offered.append((save_filename, Path(path).read_text(), Path(path).parent))

    app = SimpleNamespace(is_web=True, deliver_binary=deliver_binary)
    where = deliver(app, str(tmp_path / "sub" / "plan.toml"), lambda path: path.write_text("x = 1\n"))
    (name, text, folder), = offered
    assert (name, text) == ("plan.toml", "x = 1\n") and where == "plan.toml, a download in your browser"
    assert not folder.exists() and not (tmp_path / "sub").exists()  # nothing left behind on the server


def test_a_write_that_fails_offers_nothing(tmp_path):
    offered = []
    app = SimpleNamespace(is_web=True, deliver_binary=lambda *a, **k: offered.append(a))

    def fail(path):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        deliver(app, "plan.toml", fail)
    assert offered == []


async def export(pilot, path):
    """Export to ``path``, typed relative to the working folder where it is in it (Pilot waits after every key)."""
    pilot.app.query_one(ComparisonTable).focus()  # keys go to the app, not to a field
    await pilot.press("ctrl+e")
    await type_into(pilot, "#path", os.path.relpath(path) if str(path).startswith(os.getcwd()) else str(path))
    await pilot.press("enter")
    await pilot.pause()


async def test_export_to_html_writes_the_report_of_the_comparison_shown(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#origin", "US")
        await export(pilot, tmp_path / "family.html")
        page = (tmp_path / "family.html").read_text(encoding="utf-8")
    text = text_of(page)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    for rank, est in enumerate(app.comparison.estimates, 1):
        assert f"{rank}. {est.region}" in text and est.offer_id in text
    assert "Flying from (country code) US" in text
    assert "Stay for the whole protocol, or fly home between visits?" in text  # Japan's visits, as the breakdown
    assert words.comparison_title(app.comparison, "Alzheimer's") in text  # the title the app shows


async def test_under_the_web_driver_save_and_export_are_downloads(app, tmp_path, monkeypatch):
    offered = {}

    def deliver_binary(path, *, save_filename):
        offered[save_filename] = Path(path).read_text(encoding="utf-8")

    monkeypatch.setattr(CostcalcApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_binary", deliver_binary)
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_into(pilot, "#travellers", "3")
        app.query_one(ComparisonTable).focus()
        await pilot.press("ctrl+s")
        await type_into(pilot, "#path", "family.toml")
        await pilot.press("enter")
        await pilot.pause()
        await export(pilot, "family.csv")
    assert sorted(offered) == ["family.csv", "family.toml"]
    assert parse_plan_file(offered["family.toml"]).fields["travellers"] == 3
    assert offered["family.csv"].startswith("rank,")
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs


def test_under_the_web_driver_each_packet_reaches_the_server_whole_whichever_thread_writes_it(app):
    """The screen's updates (from the app's thread) and a download's pieces (from the input thread), each larger
    than the pipe holds, written at once to a server that reads slowly: each is read back whole, in packets
    framed as textual-serve reads them (a type, a length, the payload)."""
    import threading
    import time
    from functools import partial

    from textual._binary_encode import load
    from textual.drivers.web_driver import WebDriver

    assert not whole_packets(app)  # not under the web driver: left as it is
    read_end, write_end = os.pipe()
    driver = WebDriver.__new__(WebDriver)  # its own __init__ takes the process's stdout
    driver.fileno, driver._write = write_end, partial(os.write, write_end)
    assert whole_packets(SimpleNamespace(is_web=True, _driver=driver))
    size, times = 150_000, 6

    def screen() -> None:
        for _ in range(times):
            driver.write("s" * size)

    def download() -> None:
        for _ in range(times):
            driver.write_binary_encoded(("deliver_chunk", "key", b"d" * size))

    received = bytearray()

    def server() -> None:
        while chunk := os.read(read_end, 4096):
            received.extend(chunk)
            time.sleep(0.0001)

    reader = threading.Thread(target=server)
    writers = [threading.Thread(target=screen), threading.Thread(target=download)]
    for thread in (reader, *writers):
        thread.start()
    for thread in writers:
        thread.join()
    os.close(write_end)
    reader.join()
    os.close(read_end)
    packets, at = [], 0
    while at < len(received):
        kind, length = received[at:at + 1], int.from_bytes(received[at + 1:at + 5], "big")
        payload, at = bytes(received[at + 5:at + 5 + length]), at + 5 + length
        packets.append(payload.decode() if kind == b"D" else load(payload) if kind == b"P" else kind)
    assert sorted(packets, key=str) == sorted(["s" * size] * times + [("deliver_chunk", "key", b"d" * size)] * times,
                                              key=str)
