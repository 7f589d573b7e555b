"""``costcalc serve`` without a browser: safe defaults, one-line errors, the extra it needs, a page with no outside request."""

from __future__ import annotations

import importlib.util
import re
import signal
import socket
import sys
import urllib.request

import pytest

from costcalc.cli import main
from costcalc.cli.serve import DOWNLOAD_WAIT, INSTALL, _server_class, is_loopback

from .conftest import REPO

needs_serve = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None,
    reason=f"textual-serve is not installed ({INSTALL})",
)


def run(capsys, *argv):
    code = main(["serve", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.0.1", "::1", "localhost", "LOCALHOST"])
def test_loopback_addresses_reach_this_machine_only(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1"])
def test_other_addresses_do_not(host):
    assert not is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_an_address_other_machines_reach_needs_public(capsys, host):
    code, out, err = run(capsys, "--host", host)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert f"--host {host} can be reached from other machines" in err
    assert "no authentication" in err and "add --public" in err


def test_an_unknown_host_is_named(capsys):
    code, _, err = run(capsys, "--host", "no-such-host.invalid")
    assert code == 2 and "unknown host 'no-such-host.invalid'" in err and "127.0.0.1" in err


@pytest.mark.parametrize("port, words", [("70000", "valid: 0 (a free one) to 65535"), ("http", "'http' is not a port")])
def test_a_bad_port_is_one_line(capsys, port, words):
    code, _, err = run(capsys, "--port", port)
    assert code == 2 and words in err and err.count("\n") == 1


def test_without_the_web_extra_it_says_what_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if it were not installed
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err == f"costcalc serve: error: serving to a browser needs the web extra: {INSTALL}\n"
    assert INSTALL == "pip install 'costcalc[web]'"


@needs_serve
def test_a_bad_plan_file_stops_it_before_it_listens(capsys, tmp_path):
    plan = tmp_path / "plan.toml"
    plan.write_text('offer = "jp-alzheimer"\n')
    code, out, err = run(capsys, "--plan", str(plan), "--port", "0")
    assert code == 2 and out == "" and "unknown offer id 'jp-alzheimer'" in err


@needs_serve
def test_a_port_in_use_is_named(capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "--port", str(port))
    assert code == 2 and f"port {port} on 127.0.0.1 is in use" in err and "--port 0" in err


@needs_serve
def test_the_page_loads_nothing_from_elsewhere_and_ctrl_c_stops_it():
    from .serving import serving

    with serving("--plan", str(REPO / "examples" / "tokyo-with-quotes.toml")) as (address, process):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address)
        page = urllib.request.urlopen(address, timeout=10).read().decode()
        assert "googleapis" not in page and "{{" not in page
        outside = [u for u in re.findall(r"""(?:src|href)=["']([^"']+)""", page) if not u.startswith(("/", "data:"))]
        assert outside == []
        assert re.findall(r"url\(\"?([^\")]+)", page) == [
            "/static/fonts/RobotoMono-VariableFont_wght.ttf",
            "/static/fonts/RobotoMono-Italic-VariableFont_wght.ttf",
            "/static/images/background.png",
        ]
        font = urllib.request.urlopen(address + "static/fonts/RobotoMono-VariableFont_wght.ttf", timeout=10)
        assert font.status == 200 and len(font.read()) > 50_000
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


@needs_serve
def test_a_public_address_says_there_is_no_authentication():
    from .serving import serving

    with serving("--host", "0.0.0.0", "--public") as (address, process):
        assert address.startswith("http://0.0.0.0:")
        notice = process.stdout.readline()
    assert "there is NO authentication" in notice and "reachable from other machines" in notice


@needs_serve
def test_the_server_waits_a_minute_for_each_piece_of_a_download():
    """textual-serve gives the app 4 seconds to send each piece of a file the browser downloads, then drops it."""
    from textual_serve import download_manager
    from textual_serve.server import Server

    with socket.create_server(("127.0.0.1", 0)) as sock:
        _server_class(Server)("costcalc ui", sock, "")
    assert download_manager.DOWNLOAD_TIMEOUT == DOWNLOAD_WAIT == 60
