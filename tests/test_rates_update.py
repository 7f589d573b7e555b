"""costcalc rates update, against a web server on 127.0.0.1: a good file is installed whole, anything else
leaves the copy in use untouched; load_rates() and costcalc fx then use, and say, the right copy."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from costcalc import Plan, estimate, load_rates
from costcalc.cli import main
from costcalc.ratebook.checking import check_rates
from costcalc.ratebook.copies import STAMP, choose, user_copy
from costcalc.ratebook.ecb import fx_text, latest_day
from costcalc.ratebook.loading import shipped_rates_dir

from .conftest import REPO, TODAY

SHIPPED = load_rates(shipped_rates_dir())
CODES = sorted(code for code in SHIPPED.fx.rates if code != "EUR")


def history(*days: tuple[str, str]) -> str:
    """An ECB history CSV (newest first), each day's USD as given and every other rate as shipped."""
    header = "Date," + ",".join(["USD", "BGN", *(c for c in CODES if c != "USD")]) + ",\n"
    rows = "".join(
        f"{day}," + ",".join([usd, "N/A", *(str(SHIPPED.fx.rates[c]) for c in CODES if c != "USD")]) + ",\n"
        for day, usd in days
    )
    return header + rows


def zipped(**members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


GOOD = zipped(**{"eurofxref-hist.csv": history(("2026-11-20", "1.2000"), ("2026-11-19", "1.1900"))})
NEWER = zipped(**{"eurofxref-hist.csv": history(("2026-11-27", "1.2500"), ("2026-11-20", "1.2000"))})
ROUTES = {
    "/good": (200, GOOD, 0),
    "/newer": (200, NEWER, 0),
    "/old": (200, zipped(**{"eurofxref-hist.csv": history(("2026-10-01", "1.0500"))}), 0),
    "/truncated": (200, GOOD[: len(GOOD) // 2], 0),
    "/malformed": (200, zipped(**{"eurofxref-hist.csv": "Day;USD\n2026-11-20;1,2\n"}), 0),
    "/bad-rate": (200, zipped(**{"eurofxref-hist.csv": history(("2026-11-20", "-1.2"))}), 0),
    "/two-files": (200, zipped(**{"eurofxref-hist.csv": history(("2026-11-20", "1.2")), "x.csv": "x"}), 0),
    "/html": (200, b"<html>moved</html>", 0),
    "/missing": (404, b"not here", 0),
    "/broken": (500, b"oops", 0),
    "/slow": (200, GOOD, 3.0),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        base, _, name = self.path.rpartition("/")
        status, body, delay = ROUTES.get(base, (404, b"", 0)) if name == "eurofxref-hist.zip" else (404, b"", 0)
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the slow route)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("COSTCALC_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_a_good_file_becomes_the_rates_every_estimate_uses(server, data, capsys):
    code, out, err = run(capsys, "rates", "update", "--url", f"{server}/good")
    assert (code, err) == (0, "")
    assert out == f"updated: the rates of 2026-11-20 (were 2026-10-30) are in use, from {data / 'rates'}\n"
    copy = data / "rates"
    assert check_rates(copy) == [] and (copy / STAMP).is_file()
    assert sorted(p.name for p in data.iterdir()) == ["rates"], "no half-written copy is left"
    book = load_rates()
    assert (book.origin, book.fx.date, str(book.fx.rates["USD"])) == (str(copy), dt.date(2026, 11, 20), "1.2000")
    assert book.sources["ecb-eurofxref"].date == "2026-11-20"
    est = estimate(Plan(offer="rs-als-msc", currency="USD", trips=0), book, today=TODAY)
    assert est.fx.rates["USD"] == book.fx.rates["USD"]
    assert {w.code for w in est.warnings} <= {"price-age"}  # fresh rates: nothing stale; Serbia's prices are old
    code, out, _ = run(capsys, "fx", "--json")
    shown = json.loads(out)
    assert (shown["date"], shown["folder"]) == ("2026-11-20", {"path": str(copy), "copy": "user"})
    code, out, _ = run(capsys, "fx", "--currency", "USD")
    assert out.endswith(f"Rates folder: {copy} (your copy, from costcalc rates update, rates of 2026-11-20)\n")
    # newer rates replace the copy whole
    assert run(capsys, "rates", "update", "--url", f"{server}/newer")[0] == 0
    assert load_rates().fx.date == dt.date(2026, 11, 27)
    assert sorted(p.name for p in data.iterdir()) == ["rates"]


@pytest.mark.parametrize(
    ("route", "words"),
    [
        ("truncated", "is not a whole zip file"),
        ("malformed", "not the ECB history's layout: "),
        ("bad-rate", "bad rate USD='-1.2'"),
        ("two-files", "holds eurofxref-hist.csv, x.csv; expected one CSV"),
        ("html", "is not a whole zip file"),
        ("missing", "the server answered 404"),
        ("broken", "the server answered 500"),
    ],
)
def test_a_failed_download_or_a_bad_file_leaves_the_copy_in_use_untouched(server, data, capsys, route, words):
    assert run(capsys, "rates", "update", "--url", f"{server}/good")[0] == 0
    before = snapshot(data)
    code, out, err = run(capsys, "rates", "update", "--url", f"{server}/{route}")
    assert (code, out) == (2, "")
    assert err.startswith("costcalc rates update: error: ") and words in err and err.count("\n") == 1, err
    assert snapshot(data) == before
    assert load_rates().fx.date == dt.date(2026, 11, 20)


def test_a_slow_answer_times_out(server, data, capsys):
    started = time.monotonic()
    code, out, err = run(capsys, "rates", "update", "--url", f"{server}/slow", "--timeout", "0.5")
    assert time.monotonic() - started < 2.5
    assert (code, out) == (2, "") and "no complete answer within 0.5 s" in err
    assert snapshot(data) == {}


def test_rates_not_newer_than_those_in_use_change_nothing_and_exit_1(server, data, capsys):
    code, out, err = run(capsys, "rates", "update", "--url", f"{server}/old")
    assert (code, out) == (1, "")
    assert err.startswith("costcalc rates update: already up to date: the rates in use are of 2026-10-30"), err
    assert snapshot(data) == {}
    assert run(capsys, "rates", "update", "--url", f"{server}/good")[0] == 0
    before = snapshot(data)
    assert run(capsys, "rates", "update", "--url", f"{server}/good")[0] == 1
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--url", "file:///etc"], "is not an http or https URL"),
        (["--url", "ftp://example.org"], "is not an http or https URL"),
        (["--url", "http://127.0.0.1:9"], "cannot reach http://127.0.0.1:9/eurofxref-hist.zip"),
        (["--timeout", "0"], "is not a number of seconds"),
        (["--timeout", "nan"], "is not a number of seconds"),
        (["--url", ""], "an empty value"),
    ],
)
def test_bad_addresses_and_timeouts_are_refused(data, capsys, argv, words):
    code, out, err = run(capsys, "rates", "update", *argv)
    assert (code, out) == (2, "") and words in err and err.count("\n") == 1, err


def test_a_copy_set_aside_is_said_and_the_shipped_rates_are_used(server, data, capsys):
    assert run(capsys, "rates", "update", "--url", f"{server}/good")[0] == 0
    (data / "rates" / STAMP).write_text("0" * 64 + "\n")  # made from other shipped data (an older costcalc)
    used = choose()
    assert (used.kind, used.book.fx.date) == ("shipped", dt.date(2026, 10, 30))
    assert "was made from the data of another costcalc version" in used.note
    code, out, _ = run(capsys, "fx", "--json")
    assert json.loads(out)["folder"]["copy"] == "shipped" and "run costcalc rates update again" in json.loads(out)["folder"]["note"]
    # a copy edited into one that does not validate is set aside too
    assert run(capsys, "rates", "update", "--url", f"{server}/newer")[0] == 0
    (user_copy() / "offers" / "us-als.toml").write_text("id = 5\n")
    assert choose().kind == "shipped" and "it does not validate" in choose().note
    assert load_rates().origin == str(shipped_rates_dir())


def test_the_script_and_the_command_read_the_history_alike(tmp_path):
    spec = importlib.util.spec_from_file_location("derive_rates_for_update", REPO / "scripts" / "derive_rates.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    raw = tmp_path / "fx" / "ecb-eurofxref-hist.csv"
    raw.parent.mkdir()
    raw.write_text(history(("2026-11-19", "1.19"), ("2026-11-20", "1.2000")), encoding="utf-8")
    day, rates = latest_day(raw.read_text(encoding="utf-8"))
    assert (day, rates["USD"]) == (dt.date(2026, 11, 20), "1.2000") and "BGN" not in rates
    made_by = "Derived from ecb-eurofxref-hist.csv (most recent business day) by scripts/derive_rates.py; do not edit by hand."
    assert script.fx_toml(tmp_path) == fx_text(day, rates, made_by)
    shipped = (REPO / "rates" / "fx" / "ecb-eurofxref.toml").read_text(encoding="utf-8")
    assert shipped == fx_text(SHIPPED.fx.date, {c: str(r) for c, r in SHIPPED.fx.rates.items() if c != "EUR"}, made_by)
