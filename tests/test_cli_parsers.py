"""A command line beginning with a subcommand builds only that subcommand's options: the help, the errors and the
parsed values are those of the parser with every subcommand."""

from __future__ import annotations

import contextlib
import io

import pytest

from costcalc.cli import main
from costcalc.cli.parser import COMMANDS, build_parser


def _run(parser, argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result = vars(parser.parse_args(argv))
        except SystemExit as exc:
            result = ("exit", exc.code)
    return result, out.getvalue(), err.getvalue()


def test_the_main_help_lists_every_command_whichever_was_built():
    full = build_parser().format_help()
    for name in COMMANDS:
        assert build_parser(name).format_help() == full
    assert "    estimate  price one offer line by line\n" in full


@pytest.mark.parametrize("argv", [
    *([name, "--help"] for name in COMMANDS),
    ["rates", "check", "--help"],
    ["rates", "update", "--help"],
    ["estimate", "--offer", "us-als", "--origin", "US", "--nights", "3-5", "--json"],
    ["estimate", "--offer", "us-als", "--offer", "in-als-msc"],
    ["compare", "--condition", "als", "--sort", "sideways"],
    ["report", "--condition", "als"],
    ["serve", "--port", "70000"],
    ["rates", "update", "--timeout", "0"],
    ["schema", "nothing"],
    ["fx", "--currency", ""],
])
def test_a_command_parsed_by_its_own_parser_as_by_the_whole(argv):
    assert _run(build_parser(argv[0]), argv) == _run(build_parser(), argv)


def test_an_unknown_command_is_named_with_every_valid_one(capsys):
    assert main(["estimat", "--json"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'estimat'" in err and "'estimate'" in err and "'rates'" in err
