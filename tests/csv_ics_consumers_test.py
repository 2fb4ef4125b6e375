#!/usr/bin/env python3
"""The CSV and iCalendar exports as their real readers see them.

For every shipped dataset (events/*), an empty one (`strikeline init`) and hostile
ones (text that tries to be a formula, a CSV field, an iCalendar property, markup,
long multi-byte lines): Python's csv module and sqlite3's `.import` read every CSV
table back to the values of the JSON export, no text cell starts a formula, and
python3-icalendar parses the calendar and reads back each event's dates.

    tests/csv_ics_consumers_test.py SOURCE_DIR BUILD_DIR

Exits 77 (skipped) when sqlite3 or python3-icalendar is missing: `make test`
installs them (tools/install-deps test).
"""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE, BUILD = (os.path.abspath(p) for p in sys.argv[1:3])
STRIKELINE = os.path.join(BUILD, "strikeline")

try:
    import icalendar
except ImportError:
    # Debian's python3-icalendar lives with Debian's python3, which another python3
    # on PATH (pyenv, a virtualenv) may hide.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    print("skipped: python3-icalendar is not installed (tools/install-deps test)")
    sys.exit(77)
if not shutil.which("sqlite3"):
    print("skipped: sqlite3 is not installed (tools/install-deps test)")
    sys.exit(77)

FORMULA = ("=", "+", "-", "@", "\t", "\r")
NUMERIC = {"line", "paragraph", "time_precision"}
failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def export(folder, fmt):
    run = subprocess.run([STRIKELINE, "export", "--format", fmt, folder], capture_output=True)
    if run.returncode != 0:
        raise SystemExit(f"export --format {fmt} {folder} failed: {run.stderr.decode()}")
    return run.stdout


def text_of(cell):
    """A text cell's text: one leading quote, if any, was added by the writer."""
    return cell[1:] if cell.startswith("'") else cell


def read_csv(data, name):
    if data and not data.endswith(b"\r\n"):
        fail(f"{name}: the last row does not end in CRLF")
    # Every row ends CRLF: no bare LF outside a quoted field.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
    raw_lines = data.split(b"\r\n")
    if any(b"\n" in line and line.count(b'"') == 0 for line in raw_lines):
        fail(f"{name}: a bare LF ends a row")
    return rows


def sqlite_rows(data, tmp, name):
    """The table as sqlite3's .import reads it, as lists of text."""
    path = os.path.join(tmp, name + ".csv")
    with open(path, "wb") as f:
        f.write(data)
    script = f".import --csv '{path}' t\n.mode json\nSELECT * FROM t;\n"
    run = subprocess.run(["sqlite3", ":memory:"], input=script.encode(), capture_output=True)
    if run.returncode != 0 or run.stderr:
        fail(f"{name}: sqlite3 .import: {run.stderr.decode()}")
        return []
    out = run.stdout.decode("utf-8").strip()
    return [list(r.values()) for r in json.loads(out)] if out else []


def check_table(data, name, tmp, expected_header):
    rows = read_csv(data, name)
    if not rows or rows[0] != expected_header:
        fail(f"{name}: header {rows[:1]} is not {expected_header}")
        return []
    body = rows[1:]
    for r in body:
        if len(r) != len(expected_header):
            fail(f"{name}: a row of {len(r)} cells, not {len(expected_header)}")
        for column, cell in zip(expected_header, r):
            if column.endswith(("_low", "_high", "_estimate")) or column in NUMERIC:
                if cell:
                    float(cell)  # a number, nothing else
                continue
            if cell.startswith(FORMULA):
                fail(f"{name}: column {column} begins a formula: {cell!r}")
    via_sqlite = sqlite_rows(data, tmp, name)
    if via_sqlite != body:
        fail(f"{name}: sqlite3 .import reads {len(via_sqlite)} rows differently from the csv module")
    return [dict(zip(expected_header, r)) for r in body]


def day(value):
    return "" if value is None else value


def number(value):
    return "" if value is None else value


def same_number(cell, value):
    return (cell == "" and value is None) or (cell != "" and value is not None and float(cell) == float(value))


def check_dataset(folder, tmp, label):
    doc = json.loads(export(folder, "json"))
    events = doc["events"]
    actors = {a["id"]: a["name"] for a in doc["actors"]}
    sources = {s["id"]: s for s in doc["sources"]}

    data = export(folder, "csv")
    header = read_csv(data, label)[0]
    rows = check_table(data, label + "-events", tmp, header)
    if [r["id"] for r in rows] != [e["id"] for e in events]:
        fail(f"{label}: events table ids are not the JSON export's, in its order")
    for row, event in zip(rows, events):
        where = f"{label}: event {event['id']}"
        date = event["date"] or {"edtf": "", "earliest": None, "latest": None}
        want = {
            "kind": event["kind"], "title": event["title"], "status": event["details"].get("status", ""),
            "date_edtf": date["edtf"], "date_earliest": day(date["earliest"]), "date_latest": day(date["latest"]),
            "inferred_earliest": day(event["inferred"]["earliest"]), "inferred_latest": day(event["inferred"]["latest"]),
            "place": event["place"] or "", "note": event["note"] or "", "file": event["file"] or "",
            "actors": "; ".join(event["actors"]),
            "actor_names": "; ".join(actors.get(a, a) for a in event["actors"]),
            "sources": "; ".join(dict.fromkeys(c["source"] for c in event["sources"])),
        }
        for column, value in want.items():
            if text_of(row[column]) != value:
                fail(f"{where}: {column} reads {text_of(row[column])!r}, the JSON export {value!r}")
        if int(row["line"]) != event["line"]:
            fail(f"{where}: line")
        for key, value in event["details"].items():
            if key == "status":
                continue
            if text_of(row[key]) != value:
                fail(f"{where}: detail {key} reads {text_of(row[key])!r}, not {value!r}")
            if key + "_name" in row and text_of(row[key + "_name"]) != actors.get(value, value):
                fail(f"{where}: {key}_name")
        for key, figure in event["figures"].items():
            for part in ("low", "high", "estimate"):
                if not same_number(row[f"{key}_{part}"], figure[part]):
                    fail(f"{where}: {key}_{part} reads {row[key + '_' + part]!r}, not {figure[part]!r}")
            if text_of(row[f"{key}_unit"]) != (figure["unit"] or ""):
                fail(f"{where}: {key}_unit")
        urls = [sources[s]["url"] for s in dict.fromkeys(c["source"] for c in event["sources"]) if sources[s]["url"]]
        if text_of(row["source_urls"]) != "; ".join(dict.fromkeys(urls)):
            fail(f"{where}: source_urls")
        if event["date"] is None and (row["approximate"] or row["precision"]):
            fail(f"{where}: an undated event has date columns")

    links = check_table(export(folder, "csv-links"), label + "-links", tmp, ["from", "to", "type"])
    if [{k: text_of(v) for k, v in r.items()} for r in links] != doc["links"]:
        fail(f"{label}: the links table is not the JSON export's links")

    citations = check_table(export(folder, "csv-citations"), label + "-citations", tmp,
                            ["event", "source", "url", "paragraph", "quote", "text"])
    want = [(e["id"], c["source"], sources[c["source"]]["url"] or "", c["paragraph"], c["quote"], c["text"] or "")
            for e in events for c in e["sources"]]
    got = [(text_of(r["event"]), text_of(r["source"]), text_of(r["url"]), int(r["paragraph"]) if r["paragraph"] else None,
            text_of(r["quote"]), text_of(r["text"])) for r in citations]
    if got != want:
        fail(f"{label}: the citations table is not the JSON export's citations")

    check_calendar(export(folder, "ics"), events, label)
    return doc


def check_calendar(data, events, label):
    lines = data.split(b"\r\n")
    if lines[-1] != b"":
        fail(f"{label}.ics: does not end in CRLF")
    for line in lines:
        if len(line) > 75:
            fail(f"{label}.ics: a line of {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            fail(f"{label}.ics: a bare line break")
        line.decode("utf-8")  # folding never splits a character
    calendar = icalendar.Calendar.from_ical(data)
    if calendar.get("version") != "2.0" or not calendar.get("prodid"):
        fail(f"{label}.ics: VERSION or PRODID")
    by_id = {e["id"]: e for e in events}
    seen = []
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("uid"))
        event_id = uid.split("@")[0]
        seen.append(event_id)
        event = by_id.get(event_id)
        if not event or not uid.endswith(".strikeline"):
            fail(f"{label}.ics: UID {uid} is no event's")
            continue
        start, end = component.decoded("dtstart"), component.decoded("dtend")
        if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
            fail(f"{label}.ics: {event_id} is not an all-day event")
        if start.isoformat() != event["date"]["earliest"]:
            fail(f"{label}.ics: {event_id} starts {start}, its date {event['date']['earliest']}")
        if (end - datetime.timedelta(days=1)).isoformat() != event["date"]["latest"]:
            fail(f"{label}.ics: {event_id} ends (exclusive) {end}, its date's last day {event['date']['latest']}")
        if str(component.get("x-strikeline-edtf")) != event["date"]["edtf"]:
            fail(f"{label}.ics: {event_id} X-STRIKELINE-EDTF")
        if not str(component.get("summary")).startswith(event["title"]):
            fail(f"{label}.ics: {event_id} SUMMARY is not its title: {component.get('summary')!r}")
        if str(component.get("location") or "") != (event["place"] or ""):
            fail(f"{label}.ics: {event_id} LOCATION {component.get('location')!r}")
        description = str(component.get("description"))
        for c in event["sources"]:
            if c["quote"] not in description or (c["text"] and c["text"] not in description):
                fail(f"{label}.ics: {event_id} DESCRIPTION lacks a citation")
        if event["note"] and event["note"] not in description:
            fail(f"{label}.ics: {event_id} DESCRIPTION lacks the note")
        if component.get("status") not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
            fail(f"{label}.ics: {event_id} STATUS")
        approximate = "~" in event["date"]["edtf"] or "?" in event["date"]["edtf"] or "%" in event["date"]["edtf"]
        if approximate and component.get("status") == "CONFIRMED":
            fail(f"{label}.ics: {event_id} has an uncertain date but is CONFIRMED")
    # Every event known to one day is in the calendar; none known only to a month.
    for event in events:
        date = event["date"]
        one_day = date and date["earliest"] and date["earliest"] == date["latest"] and len(date["edtf"].strip("~?%")) == 10
        if one_day and event["id"] not in seen:
            fail(f"{label}.ics: {event['id']} ({date['edtf']}) is known to the day but not in the calendar")
        if date and event["id"] in seen and len(date["edtf"].split("/")[0].strip("~?%")) < 10:
            fail(f"{label}.ics: {event['id']} ({date['edtf']}) is not known to the day but is in the calendar")
    return len(seen)


def yaml_quoted(text):
    return json.dumps(text, ensure_ascii=False)


def write_hostile(folder, text):
    """`text` in every free-text field, as tests/bad_input_test.cc's write_text_everywhere."""
    q = yaml_quoted(text)
    # A quote is at least a few words, on one line of the source text.
    one_line = "\n" not in text
    quote = yaml_quoted(text + " said the union" if one_line else "Junior doctors began")
    first_paragraph = text + " said the union" if one_line else "Junior doctors began"
    files = {
        "dataset.yaml": f"title: {q}\ndescription: {q}\n",
        "actors.yaml": f"actors:\n  - id: bma\n    name: {q}\n    short: {yaml_quoted(text[:40])}\n    kind: union\n    role: {q}\n"
                       f"  - id: minister\n    name: {q}\n    kind: minister\n    part_of: bma\n",
        "sources.yaml": f"sources:\n  - id: article\n    title: {q}\n    publisher: {q}\n    published: 2023-12-21\n"
                        f"    dated_by: {q}\n    note: {q}\n    url: https://example.org/a?x=1,2;y\n"
                        f"    path: sources/article.txt\n",
        "sources/article.txt": f"{first_paragraph}\n\nJunior doctors began their strike.\n",
    }

    def event(id_, kind, date, extra):
        return (f"  - id: {id_}\n    kind: {kind}\n    title: {q}\n    date: {date}\n    actors: [bma, minister]\n"
                f"    place: {q}\n    note: {q}\n{extra}    sources:\n      - source: article\n        quote: {quote}\n")

    files["events.yaml"] = "events:\n" + (
        event("offer", "offer", "2023-12-01", f"    amount: {q}\n    links:\n      - type: led-to\n        event: figures\n")
        + event("figures", "data", "2023-12-02", "    figure:\n      words: " + q + "\n      low: -5\n      high: 1.5e6\n")
        + event("appointed", "appointment", "2023-12-03",
                f"    appointee: minister\n    role: {q}\n    links:\n      - type: after\n        event: offer\n")
        + event("strike", "strike", "2023-12-20/2023-12-23", "    status: held\n    strikers: bma\n")
        + event("around", "statement", "2023-11-08~", "    speaker: bma\n")
        + event("month", "strike", "2023-10", "    status: held\n    strikers: bma\n")
        + event("open", "strike", "2024-01-15/..", "    status: under-way\n    strikers: bma\n")
        + "  - id: undated\n    kind: announcement\n    title: " + q + "\n    actors: [bma]\n    sources:\n"
          "      - source: article\n        quote: " + quote + "\n")
    for name, contents in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(contents)


HOSTILE = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "\tTab first",
    "'quoted already",
    "'=quoted formula",
    "a,b,c \"quoted\" and ;semi;colons\\back\\slashes",
    "line one\nline two\n\nline four",
    "<script>alert(1)</script> **strong** | a | b |",
    "BEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT",
    "Grève des médecins à l’hôpital — 罢工 ✊🏽 " * 5,  # names hold 200 characters
]


def main():
    total_events = 0
    with tempfile.TemporaryDirectory() as tmp:
        events_dir = os.path.join(SOURCE, "events")
        for name in sorted(os.listdir(events_dir)):
            folder = os.path.join(events_dir, name)
            if os.path.exists(os.path.join(folder, "sources.yaml")):
                doc = check_dataset(folder, tmp, name)
                total_events += len(doc["events"])
        # The browser test's dataset of markup in every field.
        check_dataset(os.path.join(SOURCE, "tests", "browser", "hostile"), tmp, "browser-hostile")
        empty = os.path.join(tmp, "empty")
        subprocess.run([STRIKELINE, "init", empty, "--title", "Nothing yet"], check=True, capture_output=True)
        check_dataset(empty, tmp, "empty")
        for i, text in enumerate(HOSTILE):
            folder = os.path.join(tmp, f"hostile-{i}")
            write_hostile(folder, text)
            check = subprocess.run([STRIKELINE, "check", folder], capture_output=True)
            if check.returncode != 0:
                fail(f"hostile {text!r}: the dataset does not check: {check.stderr.decode()}")
                continue
            doc = check_dataset(folder, tmp, f"hostile-{i}")
            # The text came back whole where it was put.
            rows = list(csv.DictReader(io.StringIO(export(folder, "csv").decode(), newline="")))
            if not all(text_of(r["title"]) == text and text_of(r["place"]) == text for r in rows if r["id"] != "undated"):
                fail(f"hostile {text!r}: title or place is not the text")
            calendar = icalendar.Calendar.from_ical(export(folder, "ics"))
            for component in calendar.walk("VEVENT"):
                if str(component.get("location")) != text:
                    fail(f"hostile {text!r}: LOCATION reads {str(component.get('location'))!r}")
            if len(calendar.walk("VEVENT")) != 5:  # offer, figures, appointed, strike, around
                fail(f"hostile {text!r}: {len(calendar.walk('VEVENT'))} events in the calendar, not 5")
            if str(calendar.get("x-wr-calname")) != text:
                fail(f"hostile {text!r}: X-WR-CALNAME")
            strike = [c for c in calendar.walk("VEVENT") if str(c.get("uid")).startswith("strike@")]
            if not strike or strike[0].decoded("dtend") != datetime.date(2023, 12, 24):
                fail("the strike on 20–23 December 2023 does not end DTEND 2023-12-24")
            figures = [r for r in rows if r["id"] == "figures"][0]
            if figures["figure_low"] != "-5" or float(figures["figure_high"]) != 1.5e6:
                fail(f"figures: low {figures['figure_low']!r}, high {figures['figure_high']!r}")
    if total_events == 0:
        fail("no shipped events were read")
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)
    print(f"csv and ics: {total_events} shipped events, an empty dataset and {len(HOSTILE)} hostile ones read back")


main()
