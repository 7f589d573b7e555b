"""Saving a plan file is atomic: a failed or interrupted save leaves the old file whole and no temporary file."""

from __future__ import annotations

import os
import stat
import tempfile

import pytest

from costcalc import PlanFileError
from costcalc.atomic import write_atomically
from costcalc.planning.planfile import PlanFile, read_plan_file, write_plan_file

from .conftest import EXAMPLE_PLANS

EXAMPLES = EXAMPLE_PLANS


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text("old content\n")
    return path


class Boom(OSError):
    pass


def assert_untouched(path):
    assert path.read_text() == "old content\n"
    assert os.listdir(path.parent) == [path.name], "a temporary file was left behind"


@pytest.mark.parametrize("step", ["replace", "fsync", "chmod"])
def test_a_failing_step_leaves_the_old_file_and_no_temporary_file(monkeypatch, old_file, step):
    def boom(*args, **kwargs):
        raise Boom(f"{step} failed")

    monkeypatch.setattr(os, step, boom)
    with pytest.raises(Boom):
        write_atomically(old_file, "new content\n")
    monkeypatch.undo()
    assert_untouched(old_file)


@pytest.mark.parametrize("error", [Boom("no space left on device"), KeyboardInterrupt()])
def test_a_write_that_stops_halfway_leaves_the_old_file_and_no_temporary_file(monkeypatch, old_file, error):
    real = tempfile.NamedTemporaryFile

    def half_writing(*args, **kwargs):
        tmp = real(*args, **kwargs)
        write = tmp.file.write

        def torn(data):
            write(data[: len(data) // 2])
            tmp.file.flush()
            raise error

        tmp.write = torn
        return tmp

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", half_writing)
    with pytest.raises(type(error)):
        write_atomically(old_file, "new content, long enough to be cut in two\n")
    monkeypatch.undo()
    assert_untouched(old_file)


def test_a_plan_file_error_leaves_the_old_file(old_file):
    with pytest.raises(PlanFileError, match="not written: nights: -4 nights"):
        write_plan_file(old_file, PlanFile("x", fields={"nights": -4}, offer="us-als"))
    assert_untouched(old_file)


def test_the_new_text_replaces_the_old_and_keeps_its_permission_bits(old_file):
    old_file.chmod(0o640)
    write_plan_file(old_file, read_plan_file(EXAMPLES[0]))
    assert read_plan_file(old_file).fields == read_plan_file(EXAMPLES[0]).fields
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o640
    assert os.listdir(old_file.parent) == [old_file.name]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o644)])
def test_a_new_file_gets_0o644_less_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomically(tmp_path / "new.toml", "x = 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == mode


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("old\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_atomically(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_missing_folder_is_a_plan_file_error_naming_the_path(tmp_path):
    path = tmp_path / "no-such-folder" / "plan.toml"
    with pytest.raises(FileNotFoundError):
        write_atomically(path, "x = 1\n")
    with pytest.raises(PlanFileError) as caught:
        write_plan_file(path, PlanFile("p.toml", offer="us-als"))
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: cannot write: no such folder")
    assert not (tmp_path / "no-such-folder").exists()


def test_a_folder_in_the_way_is_a_plan_file_error(tmp_path):
    (tmp_path / "plan.toml").mkdir()
    with pytest.raises(PlanFileError, match="plan.toml: cannot write: is a folder"):
        write_plan_file(tmp_path / "plan.toml", PlanFile("p.toml", offer="us-als"))
    assert os.listdir(tmp_path) == ["plan.toml"]


def test_a_denied_permission_is_a_plan_file_error(monkeypatch, old_file):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(old_file.parent / ".plan.toml.x.tmp"))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", denied)
    with pytest.raises(PlanFileError) as caught:
        write_plan_file(old_file, PlanFile("p.toml", offer="us-als"))
    assert str(caught.value) == f"{old_file}: cannot write: permission denied"
    monkeypatch.undo()
    assert_untouched(old_file)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_a_plan_file_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PlanFileError, match="cannot write: permission denied"):
            write_plan_file(folder / "plan.toml", PlanFile("p.toml", offer="us-als"))
    finally:
        folder.chmod(0o700)


def test_text_that_utf8_cannot_hold_is_refused_before_anything_is_written(old_file):
    with pytest.raises(PlanFileError, match="cannot write: '\\\\ud800' is not a character"):
        write_plan_file(old_file, PlanFile("p.toml", offer="us-als", fields={"city": "\ud800"}))
    assert_untouched(old_file)
