"""The cache of parsed rate books: used only for the very files and code it came from, never in doubt."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest

from costcalc import RatesFileError, load_rates
from costcalc.ratebook import cache
from costcalc.ratebook.loading import shipped_rates_dir


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the shipped rates, and a cache folder of its own."""
    monkeypatch.setenv("COSTCALC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COSTCALC_NO_CACHE", raising=False)
    copy = tmp_path / "rates"
    shutil.copytree(shipped_rates_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def usd_per_euro(folder) -> str:
    return str(load_rates(folder).fx.rates["USD"])


def test_a_valid_folder_is_cached_and_read_back_the_same(folder):
    first = load_rates(folder)
    entry = cache.entry_path(folder)
    assert entry.is_file()
    again = load_rates(folder)
    assert again is not first  # unpickled, not the same object
    assert [o.id for o in again.offers] == [o.id for o in first.offers]
    assert again.offers == first.offers and again.fx == first.fx and again.sources == first.sources
    assert again.stay.default_for("JP") == first.stay.default_for("JP")


def test_a_changed_rates_file_gives_its_new_value(folder):
    assert usd_per_euro(folder) == "1.1172"
    fx = folder / "fx" / "ecb-eurofxref.toml"
    fx.write_text(fx.read_text(encoding="utf-8").replace("1.1172", "1.2345"), encoding="utf-8")
    assert usd_per_euro(folder) == "1.2345"


def test_an_added_offer_file_is_read(folder):
    before = len(load_rates(folder).offers)
    text = next((folder / "offers").glob("*.toml")).read_text(encoding="utf-8")
    (folder / "offers" / "zz-copy.toml").write_text(text.replace('id = "', 'id = "zz-', 1), encoding="utf-8")
    assert len(load_rates(folder).offers) == before + 1


def test_a_folder_with_a_problem_is_never_cached_and_says_the_parsers_words(folder, monkeypatch):
    fx = folder / "fx" / "ecb-eurofxref.toml"
    fx.write_text(fx.read_text(encoding="utf-8").replace("USD = 1.1172", "USD = -1"), encoding="utf-8")
    with pytest.raises(RatesFileError) as cached_run:
        load_rates(folder)
    assert not cache.entry_path(folder).exists()
    monkeypatch.setenv("COSTCALC_NO_CACHE", "1")
    with pytest.raises(RatesFileError) as parsed_run:
        load_rates(folder)
    assert str(cached_run.value) == str(parsed_run.value)


def test_a_corrupt_or_foreign_entry_is_parsed_over(folder):
    expected = usd_per_euro(folder)
    entry = cache.entry_path(folder)
    data = entry.read_bytes()
    for broken in (b"", b"garbage", data[: len(data) // 2], data[:200] + b"\0" * 50 + data[250:]):
        entry.write_bytes(broken)
        assert usd_per_euro(folder) == expected
    assert entry.read_bytes() == data  # written again, whole


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_cache_folder_that_cannot_be_written_is_skipped(folder, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("COSTCALC_CACHE_DIR", str(locked / "cache"))
    try:
        assert usd_per_euro(folder) == "1.1172"
        assert usd_per_euro(folder) == "1.1172"
    finally:
        locked.chmod(stat.S_IRWXU)


def test_a_cache_folder_that_is_a_file_is_skipped(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COSTCALC_CACHE_DIR", str(blocker))
    assert usd_per_euro(folder) == "1.1172"


def test_no_cache_reads_and_writes_no_entry(folder, monkeypatch):
    monkeypatch.setenv("COSTCALC_NO_CACHE", "1")
    assert usd_per_euro(folder) == "1.1172"
    assert not cache.entry_path(folder).exists()


def test_the_key_holds_the_versions_of_what_parsed_the_files(folder):
    import pydantic

    files = ["sources.toml"]
    key = cache.key_of(folder, files)
    assert key == cache.key_of(folder, files)
    real = pydantic.VERSION
    try:
        pydantic.VERSION = real + ".other"
        assert cache.key_of(folder, files) != key
    finally:
        pydantic.VERSION = real
    elsewhere = folder.parent / "elsewhere"
    shutil.copytree(folder, elsewhere)
    assert cache.key_of(elsewhere, files) != key  # messages and citations name the folder's path


def test_the_command_line_sees_a_changed_rates_file_at_once(folder):
    fx = folder / "fx" / "ecb-eurofxref.toml"
    command = [sys.executable, "-m", "costcalc", "fx", "--currency", "USD", "--rates", str(folder)]
    assert "1.1172" in subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ).stdout
    fx.write_text(fx.read_text(encoding="utf-8").replace("1.1172", "1.2345"), encoding="utf-8")
    assert "1.2345" in subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ).stdout


def test_a_cache_that_refuses_the_write_is_skipped(folder, monkeypatch):
    import costcalc.atomic

    def refuse(path, data, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(costcalc.atomic, "write_atomically", refuse)  # a read-only cache folder, even for root
    assert usd_per_euro(folder) == "1.1172"
    assert not cache.entry_path(folder).exists()


def test_a_range_comes_back_from_a_pickle_as_it_went_in_exact_ends_included():
    import pickle
    from decimal import Decimal
    from fractions import Fraction

    from costcalc import Range

    # a third of 4 and of 7 dollars: rounded outward to cents, the exact thirds kept beside them
    third = Range.trusted(Decimal("1.33"), Decimal("2.34"), "USD", True, (Fraction(4, 3), Fraction(7, 3)))
    back = pickle.loads(pickle.dumps(third, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == third and back.open_high
    assert (back.exact_low, back.exact_high) == (Fraction(4, 3), Fraction(7, 3))


def test_the_cached_book_equals_the_parsed_one(folder, monkeypatch):
    parsed = load_rates(folder)  # parsed, then stored
    cached = load_rates(folder)  # from the entry
    assert cached is not parsed
    assert cached.offers == parsed.offers and cached.fx == parsed.fx


def test_a_changed_module_of_the_book_s_classes_gives_a_new_key(tmp_path, monkeypatch):
    """The code a pickled book needs is keyed by each module's path, size and time of last change (what Python
    checks before reusing its bytecode): an edited module, or one added, is a new key."""
    package = tmp_path / "costcalc"
    for part in cache._CODE:
        source = cache._PACKAGE / part
        if source.is_dir():
            shutil.copytree(source, package / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            package.mkdir(exist_ok=True)
            shutil.copy2(source, package / part)
    monkeypatch.setattr(cache, "_PACKAGE", package)

    def digest() -> str:
        monkeypatch.setattr(cache, "_code", None)
        return cache._code_digest()

    first = digest()
    assert digest() == first
    module = package / "ratebook" / "fx.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    edited = digest()
    assert edited != first
    (package / "money" / "extra.py").write_text("", encoding="utf-8")
    assert digest() not in (first, edited)
    info = (package / "_model.py").stat()
    os.utime(package / "_model.py", ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert digest() != edited
