"""Regenerate rates/fx/ecb-eurofxref.toml and rates/stay/per-diem.csv from the raw public data.

Usage: python scripts/derive_rates.py [--data PATH]   (default PATH: <repo>/../shared/data)

The raw files are described in the data folder's README.md. The output is deterministic
(same input, same bytes), so a refresh shows up as a plain diff of the derived files.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

try:
    from costcalc.errors import RatesFileError
    from costcalc.ratebook.ecb import fx_text, latest_day
except ImportError:  # run from a checkout without costcalc installed
    sys.path.insert(0, str(REPO))
    from costcalc.errors import RatesFileError
    from costcalc.ratebook.ecb import fx_text, latest_day

FX_RAW = "fx/ecb-eurofxref-hist.csv"
FOREIGN_RAW = "per-diem/foreign-2026-04.csv"
CONUS_RAW = "per-diem/conus-fy2026.csv"
FX_OUT = "fx/ecb-eurofxref.toml"
STAY_OUT = "stay/per-diem.csv"

FOREIGN_SOURCE = "us-state-per-diem-2026-04"
CONUS_SOURCE = "gsa-per-diem-fy2026"

STAY_COLUMNS = [
    "country", "country_name", "city", "state", "season_start", "season_end",
    "lodging_usd", "mie_usd", "effective", "source",
]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], 1)
}
_LEAP_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


class DeriveError(Exception):
    """A raw file that does not look as expected; names the file and line."""


def _fold(text: str) -> str:
    """Lower-case ASCII words: accents, apostrophes and dots dropped, other punctuation a space."""
    text = unicodedata.normalize("NFKD", text).casefold().replace("&", " and ")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’.]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join("saint" if w == "st" else w for w in words)


def _name_keys(name: str) -> list[str]:
    """Ways a country name may be written: as is, without "(...)", "B, A" as "A B" or "B"."""
    keys = [_fold(name)]
    bare = re.sub(r"\s*\(([^)]*)\)", "", name)
    keys += [_fold(bare)] + [_fold(p) for p in re.findall(r"\(([^)]*)\)", name)]
    if "," in bare:
        head, tail = bare.rsplit(",", 1)
        keys += [_fold(f"{tail} {head}"), _fold(head)]
    return [k for k in keys if k]


COUNTRIES = Path(__file__).resolve().parent / "countries.csv"  # kept here: CLDR renames territories


@functools.lru_cache(maxsize=4)
def known_countries(path: Path = COUNTRIES) -> dict[str, tuple[str | None, str]]:
    """The committed table: State Department name -> (ISO code or None, English name as per-diem.csv shows it)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["state_department_name"]: (row["code"] or None, row["name"]) for row in csv.DictReader(lines)}


def _babel_codes() -> dict[str, str]:
    from babel import Locale

    index: dict[str, str] = {}
    for code, english in Locale("en").territories.items():
        if re.fullmatch(r"[A-Z]{2}", code) and code not in ("EU", "EZ", "UN", "QO"):
            for key in _name_keys(english):
                index.setdefault(key, code)
    return index


def country_codes(names: Iterable[str]) -> tuple[dict[str, str | None], list[str]]:
    """ISO 3166 alpha-2 code (or None) for each State Department name, and the names not in countries.csv.

    A name missing from the table is matched against babel's English territory names, so that a new
    country in the raw data gets a proposed code; the table must then be updated for the output to
    stay the same whatever babel is installed.
    """
    table = known_countries()
    index: dict[str, str] | None = None
    codes: dict[str, str | None] = {}
    unmapped = []
    for name in names:
        if name in table:
            codes[name] = table[name][0]
            continue
        unmapped.append(name)
        index = index if index is not None else _babel_codes()
        codes[name] = next((index[k] for k in _name_keys(name) if k in index), None)
    return codes, unmapped


def country_display(code: str | None, raw_name: str) -> str:
    """A readable English country name: countries.csv's, else CLDR's, else the source's in title case."""
    for known_code, shown in known_countries().values():
        if known_code == code and code is not None:
            return shown
    if code is None:
        return " ".join(w.capitalize() for w in raw_name.split())
    from babel import Locale

    return Locale("en").territories[code].replace(" & ", " and ")  # "Bosnia and Herzegovina"


def _decimal(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise DeriveError(f"{where}: {text!r} is not a number") from None
    if not value.is_finite() or value < 0:
        raise DeriveError(f"{where}: {text!r} is not an amount >= 0")
    return value


def _plain(value: Decimal) -> str:
    """An exact decimal without a needless fraction or exponent: 358.0 -> "358"."""
    return format(value.normalize(), "f")


def _lodging(text: str, where: str) -> str:
    value = _decimal(text, where)
    return "" if value == 0 else _plain(value)  # 0 means "no rate published"


def _month_day(month: int, day: int, where: str) -> str:
    if not (1 <= month <= 12 and 1 <= day <= _LEAP_DAYS[month - 1]):
        raise DeriveError(f"{where}: no such day {month}-{day}")
    return f"{month:02d}-{day:02d}"


def _us_date(text: str, where: str) -> tuple[int, int, int | None]:
    """'October 1' or 'October 1, 2025' -> (month, day, year or None)."""
    found = re.fullmatch(r"([A-Za-z]+)\s+(\d{1,2})(?:,\s*(\d{4}))?", text.strip())
    if not found or found.group(1).casefold() not in _MONTHS:
        raise DeriveError(f"{where}: {text!r} is not a date like 'October 1, 2025'")
    year = int(found.group(3)) if found.group(3) else None
    return _MONTHS[found.group(1).casefold()], int(found.group(2)), year


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs of a CSV file."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise DeriveError(f"{path}:{reader.line_num}: {len(row)} cells, header has {len(header)}")
            rows.append((reader.line_num, dict(zip(header, row))))
    return header, rows


def _need(header: Sequence[str], columns: Iterable[str], path: Path) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise DeriveError(f"{path}: missing columns {missing}; header is {list(header)}")


def foreign_rows(path: Path, log) -> list[dict[str, str]]:
    """State Department rows, one per location and season."""
    header, rows = _rows(path)
    _need(header, ["Country", "Location", "Season Start Date", "Season End Date", "Lodging",
                   "Meals & Incidentals", "Effective Date"], path)
    codes, unmapped = country_codes(sorted({r["Country"].strip() for _, r in rows}))
    for name in unmapped:
        proposed = codes[name] or "no code found"
        log(f"country {name!r} is not in scripts/countries.csv ({proposed} proposed from babel): add it there")
    for name, code in sorted(codes.items()):
        if code is None and name not in unmapped:
            log(f"no ISO code exists for {name!r}: kept with an empty code")
    by_code: dict[str, str] = {}
    for name, code in codes.items():
        if code is not None and by_code.setdefault(code, name) != name:
            raise DeriveError(f"{path}: {name!r} and {by_code[code]!r} both map to {code}")
    out = []
    for line, r in rows:
        where = f"{path}:{line}"
        name = r["Country"].strip()
        start, end = r["Season Start Date"].strip(), r["Season End Date"].strip()
        dates = re.compile(r"\d{4}-(\d{2})-(\d{2})")
        s, e = dates.fullmatch(start), dates.fullmatch(end)
        if not s or not e:
            raise DeriveError(f"{where}: season {start!r}..{end!r} is not two ISO dates")
        season = (_month_day(int(s[1]), int(s[2]), where), _month_day(int(e[1]), int(e[2]), where))
        if season == ("01-01", "12-31"):
            season = ("", "")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["Effective Date"].strip()):
            raise DeriveError(f"{where}: effective date {r['Effective Date']!r} is not ISO")
        code = codes[name]
        out.append({
            "country": code or "",
            "country_name": country_display(code, name),
            "city": " ".join(r["Location"].split()),
            "state": "",
            "season_start": season[0],
            "season_end": season[1],
            "lodging_usd": _lodging(r["Lodging"], where),
            "mie_usd": _plain(_decimal(r["Meals & Incidentals"], where)),
            "effective": r["Effective Date"].strip(),
            "source": FOREIGN_SOURCE,
            "_line": where,
        })
    return out


def conus_rows(path: Path) -> list[dict[str, str]]:
    """GSA CONUS rows; the standard rate (first data row, no state) becomes US [Other]."""
    header, rows = _rows(path)
    _need(header, ["STATE", "DESTINATION", "SEASON BEGIN", "SEASON END", "Lodging Rate", "M&IE",
                   "Effective Date"], path)
    out = []
    for n, (line, r) in enumerate(rows):
        where = f"{path}:{line}"
        state = r["STATE"].strip()
        if not state:
            if n != 0 or not r["DESTINATION"].startswith("Standard CONUS rate"):
                raise DeriveError(f"{where}: a row without a state that is not the standard CONUS rate")
            city = "[Other]"
        elif not re.fullmatch(r"[A-Z]{2}", state):
            raise DeriveError(f"{where}: state {state!r} is not a two-letter code")
        else:
            city = " ".join(r["DESTINATION"].split())  # some names carry a trailing space
        season = ["", ""]
        for i, column in enumerate(("SEASON BEGIN", "SEASON END")):
            if r[column].strip():
                month, day, _ = _us_date(r[column], where)
                season[i] = _month_day(month, day, where)
        if bool(season[0]) != bool(season[1]):
            raise DeriveError(f"{where}: a season needs both a begin and an end")
        month, day, year = _us_date(r["Effective Date"], where)
        if year is None:
            raise DeriveError(f"{where}: effective date {r['Effective Date']!r} has no year")
        out.append({
            "country": "US",
            "country_name": country_display("US", "UNITED STATES"),
            "city": city,
            "state": state,
            "season_start": season[0],
            "season_end": season[1],
            "lodging_usd": _lodging(r["Lodging Rate"], where),
            "mie_usd": _plain(_decimal(r["M&IE"], where)),
            "effective": f"{year:04d}-{month:02d}-{day:02d}",
            "source": CONUS_SOURCE,
            "_line": where,
        })
    return out


def _days(start: str, end: str) -> set[int]:
    """Days of a (leap) year a season covers, as indexes 0..365."""
    if not start:
        return set(range(366))

    def index(md: str) -> int:
        month, day = int(md[:2]), int(md[3:])
        return sum(_LEAP_DAYS[: month - 1]) + day - 1

    a, b = index(start), index(end)
    return set(range(a, b + 1)) if a <= b else set(range(a, 366)) | set(range(0, b + 1))


def check_seasons(rows: list[dict[str, str]], log) -> list[dict[str, str]]:
    """Drop exact duplicate rows, refuse overlapping seasons, report gaps (Feb 29 excepted)."""
    places: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    kept = []
    for row in rows:
        seasons = places.setdefault((row["country"], row["city"], row["state"]), [])
        same = [s for s in seasons if (s["season_start"], s["season_end"]) == (row["season_start"], row["season_end"])]
        if same and all(same[0][k] == row[k] for k in STAY_COLUMNS):
            log(f"{row['_line']}: duplicate of {same[0]['_line']}, dropped")
            continue
        covered = set().union(*(_days(s["season_start"], s["season_end"]) for s in seasons)) if seasons else set()
        if covered & _days(row["season_start"], row["season_end"]):
            raise DeriveError(f"{row['_line']}: season overlaps another season of {row['city']}")
        seasons.append(row)
        kept.append(row)
    feb29 = _days("02-29", "02-29")
    for (country, city, state), seasons in places.items():
        covered = set().union(*(_days(s["season_start"], s["season_end"]) for s in seasons))
        gap = set(range(366)) - covered - feb29
        if gap:
            log(f"{country} {city} {state}: seasons leave {len(gap)} day(s) of the year uncovered")
    return kept


def per_diem_csv(data: Path, log) -> str:
    """The text of rates/stay/per-diem.csv."""
    rows = check_seasons(foreign_rows(data / FOREIGN_RAW, log) + conus_rows(data / CONUS_RAW), log)
    rows.sort(key=lambda r: (r["country"], r["city"].casefold(), r["city"], r["state"], r["season_start"]))
    out = io.StringIO()
    out.write(
        "# U.S. per diem ceilings, USD per day: lodging per room-night and meals & incidentals (M&IE) per person.\n"
        f"# Generated by scripts/derive_rates.py from {Path(FOREIGN_RAW).name} (U.S. State Department, "
        f"April 1, 2026) and {Path(CONUS_RAW).name} (GSA, FY2026); do not edit by hand.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STAY_COLUMNS)
    writer.writerows([row[c] for c in STAY_COLUMNS] for row in rows)
    return out.getvalue()


def fx_toml(data: Path) -> str:
    """The text of rates/fx/ecb-eurofxref.toml: the most recent day of the ECB history (read as
    ``costcalc rates update`` reads it, see costcalc.ratebook.ecb)."""
    path = data / FX_RAW
    try:
        day, rates = latest_day(path.read_text(encoding="utf-8-sig"), str(path))
    except RatesFileError as exc:
        raise DeriveError(str(exc)) from None
    made_by = f"Derived from {Path(FX_RAW).name} (most recent business day) by scripts/derive_rates.py; do not edit by hand."
    return fx_text(day, rates, made_by)


def _write(path: Path, text: str) -> None:
    """Write atomically: a temp file in the same folder, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def derive(data_dir: Path | str, out_dir: Path | str, log=lambda message: None) -> dict[str, Path]:
    """Regenerate the derived files under ``out_dir`` (a rates folder); returns what was written."""
    data, out = Path(data_dir), Path(out_dir)
    texts = {FX_OUT: fx_toml(data), STAY_OUT: per_diem_csv(data, log)}  # all built before any write
    written = {}
    for name, text in texts.items():
        _write(out / name, text)
        written[name] = out / name
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"raw data folder (default {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=REPO / "rates", help="rates folder to write (default <repo>/rates)")
    args = parser.parse_args(argv)
    try:
        written = derive(args.data, args.out, log=lambda message: print(message, file=sys.stderr))
    except (DeriveError, OSError) as exc:
        print(f"derive_rates: {exc}", file=sys.stderr)
        return 1
    for name, path in written.items():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
