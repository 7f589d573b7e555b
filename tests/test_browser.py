"""In a real browser: the served app shows and recomputes the comparison, exports a download; the report
renders to a picture and a PDF with every offer and source; nothing is requested from another machine.

One Chromium for the module. ``COSTCALC_REGENERATE=1`` also saves the README's pictures in docs/.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import time
from urllib.parse import urlparse

from types import SimpleNamespace

import pytest

from costcalc import compare, plans_for
from costcalc.cli import main
from costcalc.render.formatting import format_range
from costcalc.render.rounding import whole_total

from .browser import TRAP, click_cell, launch, missing, wait_for_screen
from .conftest import REPO, TODAY
from .serving import serving

pytestmark = [
    pytest.mark.skipif(missing() is not None, reason=missing() or ""),
    pytest.mark.xdist_group("browser"),  # one worker, one served app and one browser for the whole module
]

SCREENSHOTS = os.environ.get("COSTCALC_REGENERATE") == "1"
REPORT_ARGS = ["--condition", "alzheimers", "--origin", "US", "--as-of", TODAY.isoformat()]
"""The report the README shows."""


def local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme == "data" or parsed.hostname in ("127.0.0.1", "localhost")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app_page(browser):
    """The served app in a tab (``page``), once its comparison is on screen; every request the tab made
    (``requests``), and every file it was sent to download (``downloads``: content disposition, bytes)."""
    if importlib.util.find_spec("textual_serve") is None:
        pytest.skip("textual-serve is not installed (pip install '.[web]')")
    with serving("--as-of", TODAY.isoformat()) as (address, _):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        tab = SimpleNamespace(page=context.new_page(), requests=[], downloads=[])
        context.on("request", lambda request: tab.requests.append(request.url))

        def keep(route):  # a download passes through, and is kept
            response = route.fetch()
            tab.downloads.append((response.headers.get("content-disposition", ""), response.body()))
            route.fulfill(response=response)

        context.route("**/download/**", keep)
        tab.page.add_init_script(TRAP)
        tab.page.goto(address)
        wait_for_screen(tab.page, lambda lines: any("Germany/Switz" in line and "$" in line for line in lines))
        yield tab
        context.close()


def test_the_browser_tests_share_one_worker(request):
    """Run in processes (the README's command), the module's tests are one group: one worker, one Chromium and
    one served app for them all. The group's name is on each test's id while pytest-xdist groups them."""
    if not request.config.getoption("loadgroup", default=None):
        pytest.skip("not run by pytest-xdist's loadgroup (the README's command runs the tests that way)")
    assert request.node.nodeid.endswith("@browser"), "pytest-xdist no longer groups tests: see pyproject.toml"


def totals(book, **fields) -> list[str]:
    """The whole totals the table must show, cheapest first, as the API computes them."""
    cmp = compare(plans_for(book, "alzheimers", **fields), book, today=TODAY)
    return [format_range(whole_total(est.total), "en_US") for est in cmp.estimates]


def rows_with(lines: list[str], amounts: list[str]) -> list[int]:
    """The row each amount is on (-1: not on screen)."""
    return [next((i for i, line in enumerate(lines) if amount in line), -1) for amount in amounts]


def test_the_served_app_shows_the_comparisons_amounts_cheapest_first(app_page, book):
    expected = totals(book)
    lines = wait_for_screen(app_page.page, lambda lines: -1 not in rows_with(lines, expected))
    found = rows_with(lines, expected)
    assert found == sorted(found) and len(set(found)) == len(expected)
    assert any("Alzheimer's: 4 offers in USD" in line for line in lines)


def test_typing_into_a_field_moves_the_totals(app_page, book):
    page = app_page.page
    before, after = totals(book), totals(book, origin="US")
    assert not set(before) & set(after)  # flights change every total
    lines = wait_for_screen(page, lambda lines: any("Flying from" in line for line in lines))
    row = next(i for i, line in enumerate(lines) if "Flying from" in line)
    click_cell(page, 3, row + 1)  # the field under its label
    page.keyboard.type("US")
    lines = wait_for_screen(page, lambda lines: -1 not in rows_with(lines, after))
    table = "\n".join(lines[i] for i in rows_with(lines, after))
    assert all(amount not in table for amount in before)
    if SCREENSHOTS:
        japan = next(i for i, line in enumerate(lines) if "Japan" in line and "$" in line)
        click_cell(page, 40, japan)
        wait_for_screen(page, lambda lines: any("Lodging" in line for line in lines))
        page.screenshot(path=str(REPO / "docs" / "serve.png"))


def test_export_in_the_browser_is_a_download_of_the_report(app_page, book):
    page = app_page.page
    # the comparison on screen: as served, or with the origin another test of this module typed (any order)
    lines = wait_for_screen(page, lambda lines: any("Mexico" in line and "$" in line for line in lines))
    shown = [fields for fields in ({}, {"origin": "US"}) if -1 not in rows_with(lines, totals(book, **fields))]
    click_cell(page, 40, next(i for i, line in enumerate(lines) if "Mexico" in line and "$" in line))
    page.keyboard.press("Control+e")
    wait_for_screen(page, lambda lines: any("Export the comparison as" in line for line in lines))
    for _ in range(3):  # under load, keys may reach the dialog before its field has the focus: type until shown
        page.keyboard.press("Home")
        page.keyboard.press("Control+k")
        wait_for_screen(page, lambda lines: not any("comparison.csv" in line for line in lines))  # the field is clear
        page.keyboard.type("family.html")
        try:
            wait_for_screen(page, lambda lines: any("family.html" in line for line in lines), timeout=5)
            break
        except AssertionError:
            continue
    page.keyboard.press("Enter")
    deadline = time.monotonic() + 30  # the report is made in the app's process, on a machine that may be busy
    while not app_page.downloads and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    (disposition, body), = app_page.downloads
    assert "attachment" in disposition and "filename=family.html" in disposition
    html = body.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert len(shown) == 1, shown
    for est in compare(plans_for(book, "alzheimers", **shown[0]), book, today=TODAY).estimates:
        assert est.offer_id in html and format_range(whole_total(est.total), "en_US") in html


def test_the_app_made_no_request_to_another_machine(app_page):
    assert app_page.requests, "no request recorded"
    assert [url for url in app_page.requests if not local(url)] == []
    assert any(url.endswith("/static/fonts/RobotoMono-VariableFont_wght.ttf") for url in app_page.requests)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The README's report, as a file."""
    path = tmp_path_factory.mktemp("report") / "alzheimers.html"
    assert main(["report", *REPORT_ARGS, "--output", str(path)]) == 0
    return path


def quoted_sources(capsys) -> tuple[dict, list[str]]:
    """The comparison's JSON and every source title and quote it cites."""
    assert main(["compare", *REPORT_ARGS, "--json"]) == 0
    cmp = json.loads(capsys.readouterr().out)
    found = []
    for est in cmp["estimates"]:
        for cited in [line["source"] for line in est["lines"] if line["source"]] + [n["citation"] for n in est["notes"]]:
            found += [cited["source"]["title"], cited["quote"]]
    return cmp, found


def test_the_report_renders_to_a_picture_and_a_pdf_with_every_offer_and_source(browser, report, capsys, tmp_path):
    cmp, sources = quoted_sources(capsys)
    context = browser.new_context(viewport={"width": 1000, "height": 1300})
    page = context.new_page()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    shot = page.screenshot(full_page=True)
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000
    if SCREENSHOTS:
        page.screenshot(path=str(REPO / "docs" / "report.png"))
    page.emulate_media(media="print")
    text = " ".join(page.inner_text("body").split())
    for est in cmp["estimates"]:
        assert est["offer_id"] in text and est["region"] in text
    for quoted in sources:
        assert " ".join(quoted.split()) in text
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        assert pdf.startswith(b"%PDF") and 2 <= pages <= 40, (paper, pages)
    context.close()
    assert [url for url in requests if url != report.as_uri() and not url.startswith("data:")] == []
