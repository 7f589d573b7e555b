"""``costcalc serve``: the terminal UI, unchanged, in a web browser through textual-serve (the ``web`` extra).

Each browser tab runs its own ``costcalc ui`` process. It listens on 127.0.0.1 unless told
otherwise; any other address needs ``--public``, and then the command says that there is no
authentication. The page is our own copy of textual-serve's (``page/app_index.html``): it
loads nothing from any host but the one serving it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..errors import ServeOptionError

if TYPE_CHECKING:
    import socket

__all__ = ["DEFAULT_PORT", "DOWNLOAD_WAIT", "INSTALL", "add_serve_parser", "is_loopback", "run_serve"]

DEFAULT_PORT = 8000
INSTALL = "pip install 'costcalc[web]'"
"""What to install for ``costcalc serve``."""
PAGE = os.path.join(os.path.dirname(__file__), "page")
"""The folder of the page template (textual-serve's, without outside requests)."""
DOWNLOAD_WAIT = 60
"""Seconds the server waits for the app to send each piece of a download (a saved plan, an export). textual-serve
waits 4, then drops the transfer, and the browser shows the download as failed: an app busy making a report on a
loaded machine can take longer than that to answer."""


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a whole number from 0 to 65535") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port; valid: 0 (a free one) to 65535")
    return value


def add_serve_parser(commands, formatter, date_type, help: str) -> argparse.ArgumentParser:
    """Register ``costcalc serve`` with the parser's subcommands; ``help`` is its line in ``costcalc --help``."""
    serve = commands.add_parser(
        "serve", formatter_class=formatter, help=help,
        description="Serve the terminal UI to a web browser on this machine: open the address it prints.\n"
        "Each tab runs its own app; Save and Export become downloads in the browser.\n"
        f"Needs the web extra: {INSTALL}",
        epilog="examples:\n  costcalc serve\n  costcalc serve --port 0 --plan examples/tokyo-with-quotes.toml\n"
        "  costcalc serve --host 0.0.0.0 --public      (any machine that can reach this one: no password)\n",
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1, this machine only)")
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="N",
        help=f"the port (default {DEFAULT_PORT}; 0: a free one, printed)",
    )
    serve.add_argument(
        "--public", action="store_true",
        help="allow an address other machines can reach; there is no authentication",
    )
    serve.add_argument("--plan", metavar="FILE", help="open this plan file in every tab")
    serve.add_argument("--rates", metavar="PATH", help="a rates folder of your own (default: the shipped rates)")
    serve.add_argument("--as-of", type=date_type, metavar="DATE", help="the date for the stale-rates warning (default: today)")
    return serve


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) reaches this machine only."""
    import ipaddress
    import socket

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except OSError:
        raise ServeOptionError(
            f"unknown host {host!r}; give an address to listen on, e.g. 127.0.0.1 (this machine) or 0.0.0.0 with --public"
        ) from None
    return all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in found)


def _listen(host: str, port: int) -> socket.socket:
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeOptionError(f"port {port} on {host} is in use; give another --port, or --port 0 for a free one") from None
        raise ServeOptionError(f"cannot listen on {host} port {port}: {exc.strerror or exc}; try --host 127.0.0.1") from None


def _app_command(args: argparse.Namespace) -> str:
    """The command each browser tab runs: this Python's ``costcalc ui`` with the plan, rates and date given."""
    import shlex

    command = [sys.executable, "-m", "costcalc", "ui"]
    if args.plan:
        command += ["--plan", os.path.abspath(args.plan)]
    if args.rates:
        command += ["--rates", os.path.abspath(args.rates)]
    if args.as_of:
        command += ["--as-of", args.as_of.isoformat()]
    return shlex.join(command)


def _url(host: str, port: int) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def run_serve(args: argparse.Namespace) -> int:
    """Check the options, the plan file and the rates, then serve until interrupted; 2 without the extra."""
    public = not is_loopback(args.host)
    if public and not args.public:
        raise ServeOptionError(
            f"--host {args.host} can be reached from other machines and the app has no authentication; "
            "add --public to serve it anyway, or leave --host out for 127.0.0.1 (this machine only)"
        )
    try:
        from textual_serve.server import Server
    except ImportError:
        sys.stderr.write(f"costcalc serve: error: serving to a browser needs the web extra: {INSTALL}\n")
        return 2
    from ..planning.planfile import read_plan_file
    from ..ratebook.loading import load_rates
    from ..tui.formstate import form_of

    book = load_rates(args.rates)  # a bad plan file or rates folder fails here, not in every tab
    if args.plan:
        form_of(read_plan_file(args.plan), book)
    sock = _listen(args.host, args.port)
    host, port = sock.getsockname()[:2]
    notice = f"costcalc serve: open {_url(args.host, port)} in a browser (Ctrl+C stops)\n"
    if public:
        notice += (
            f"costcalc serve: listening on {host} port {port}, reachable from other machines: there is NO "
            "authentication; anyone who opens the page runs the app as you, and its Open reads your files\n"
        )
    server = _server_class(Server)(_app_command(args), sock, notice)
    server.serve()
    return 0


def _server_class(base: type) -> type:
    """textual-serve's server on a socket already listening, with our page and our notice in place of its banner."""

    class CostcalcServer(base):  # type: ignore[misc, valid-type]
        def __init__(self, command: str, sock: socket.socket, notice: str) -> None:
            host, port = sock.getsockname()[:2]
            super().__init__(command, host=host, port=port, title="costcalc", templates_path=PAGE)
            from textual_serve import download_manager

            # its only setting: read by each download's wait for the next piece
            download_manager.DOWNLOAD_TIMEOUT = max(download_manager.DOWNLOAD_TIMEOUT, DOWNLOAD_WAIT)
            self.sock = sock
            self.notice = notice

        async def on_startup(self, app) -> None:
            sys.stdout.write(self.notice)
            sys.stdout.flush()

        def serve(self, debug: bool = False) -> None:
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:  # pragma: no cover - Windows
                pass
            web.run_app(
                self._make_app(), sock=self.sock, handle_signals=False, loop=loop, print=lambda *_: None, access_log=None
            )

    return CostcalcServer
