"""A report as JUnit XML, the format CI systems read: a test suite, a test case per expectation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import VerifyFileError
from .report import Report

__all__ = ["junit_xml", "write_junit"]


def junit_xml(report: Report) -> str:
    """The report as JUnit XML: ``<testsuites>`` holding one ``<testsuite>`` with its counts and a ``<testcase>``
    per expectation (``name``, ``classname`` the file's name, ``file``, ``line``, ``time``), a failing one with a
    ``<failure>`` whose ``message`` lists every difference and whose text gives one a line."""
    classname = Path(report.path).stem
    counts = {"tests": str(len(report.results)), "failures": str(report.failed), "errors": "0", "skipped": "0"}
    seconds = f"{sum(result.seconds for result in report.results):.3f}"
    suites = ET.Element("testsuites", {"name": "costcalc verify", **counts, "time": seconds})
    suite = ET.SubElement(suites, "testsuite", {
        "name": f"costcalc verify {report.path}", **counts, "time": seconds,
        "timestamp": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
    })
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "as_of", "value": report.as_of.isoformat()})
    for result in report.results:
        expectation = result.expectation
        case = ET.SubElement(suite, "testcase", {
            "name": expectation.name, "classname": classname, "file": report.path,
            "line": str(expectation.line or ""), "time": f"{result.seconds:.3f}",
        })
        if not result.passed:
            failure = ET.SubElement(case, "failure", {"message": "; ".join(result.differences), "type": "expectation"})
            failure.text = "".join(f"{difference}\n" for difference in result.differences)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def write_junit(report: Report, path: str | Path) -> None:
    """Save the report's JUnit XML at ``path`` atomically; a folder that is missing or not writable is a
    VerifyFileError naming ``path``, and the file already there, if any, is left as it was."""
    from ..atomic import write_atomically

    try:
        write_atomically(path, junit_xml(report))
    except OSError as exc:
        reason = "no such folder" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc)).lower()
        raise VerifyFileError(f"cannot write the JUnit XML: {reason}", str(path)) from None
