#!/usr/bin/env python3
"""`strikeline check --format sarif` as an independent validator reads it.

Every log is validated against the SARIF 2.1.0 JSON Schema as OASIS publishes it
(tests/sarif/sarif-schema-2.1.0.json) with python3-jsonschema: the logs of the
dataset with every kind of place (tests/golden/report-formats), of every other
golden dataset, of every hostile case in tests/bad (laid over tests/bad/base as
bad_input_test.cc does), of the shipped datasets (no results), and the pinned hand-
made log tests/sarif/constructed.sarif (a warning, a file that has gone). Beyond the
schema: each result names a rule of the run by id and index, each relative uri
resolves through originalUriBaseIds to a file that exists, and each region's columns,
counted here in UTF-16 code units from the file's own text, lie on its line (the
unknown kind in report-formats underlines exactly `strik`). Broken logs (no
`version`, a line 0, an unknown level, a tool without a name) must be refused, so
the validation is shown to bite.

    tests/sarif_schema_test.py SOURCE_DIR BUILD_DIR

Exits 77 (skipped) when python3-jsonschema is missing: `make test` installs it
(tools/install-deps test).
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SOURCE, BUILD = (os.path.abspath(p) for p in sys.argv[1:3])
STRIKELINE = os.path.join(BUILD, "strikeline")

# The validator is Debian's python3-jsonschema, which lives with Debian's python3:
# another python3 first on PATH (pyenv, a virtualenv) may hide it, or hold a
# jsonschema of its own that tools/install-deps did not choose.
if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
try:
    import jsonschema
    from importlib.metadata import version
except ImportError:
    print("skipped: python3-jsonschema is not installed (tools/install-deps test)")
    sys.exit(77)

with open(os.path.join(SOURCE, "tests/sarif/sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    SCHEMA = json.load(f)
jsonschema.Draft4Validator.check_schema(SCHEMA)
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

failures = []
checked = 0


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def sarif_of(folder, expect_exit=None):
    run = subprocess.run([STRIKELINE, "check", "--format", "sarif", folder], capture_output=True, cwd=SOURCE)
    if expect_exit is not None and run.returncode != expect_exit:
        fail(f"{folder}: exit {run.returncode}, expected {expect_exit}: {run.stderr.decode(errors='replace')}")
    if run.returncode not in (0, 1):
        fail(f"{folder}: exit {run.returncode}: {run.stderr.decode(errors='replace')}")
        return None
    try:
        return json.loads(run.stdout)
    except ValueError as e:
        fail(f"{folder}: not JSON: {e}")
        return None


def schema_errors(log):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(log)]


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def resolve(run, artifact):
    """The local path an artifactLocation names, through originalUriBaseIds."""
    uri = artifact["uri"]
    if "uriBaseId" in artifact:
        base = run["originalUriBaseIds"][artifact["uriBaseId"]]["uri"]
        uri = urllib.parse.urljoin(base, uri)
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme != "file":
        return None
    return urllib.parse.unquote(parsed.path)


def check_log(name, log, files_exist=True):
    """The schema, then what the schema cannot say."""
    global checked
    checked += 1
    for error in schema_errors(log):
        fail(f"{name}: schema: {error}")
    runs = log.get("runs") or []
    if len(runs) != 1:
        fail(f"{name}: {len(runs)} runs, expected one")
        return
    run = runs[0]
    rules = run["tool"]["driver"].get("rules", [])
    if run.get("results") and run.get("columnKind") != "utf16CodeUnits":
        fail(f"{name}: results without columnKind utf16CodeUnits")
    for result in run.get("results", []):
        index = result.get("ruleIndex")
        if index is None or index >= len(rules) or rules[index]["id"] != result.get("ruleId"):
            fail(f"{name}: result {result.get('ruleId')} does not name its rule at {index}")
        places = list(result.get("locations", [])) + list(result.get("relatedLocations", []))
        for place in places:
            physical = place["physicalLocation"]
            path = resolve(run, physical["artifactLocation"])
            if not files_exist:
                continue
            if path is None or not os.path.exists(path):
                fail(f"{name}: {physical['artifactLocation']} resolves to {path}, which does not exist")
                continue
            region = physical.get("region")
            if region is None or "startColumn" not in region:
                continue
            with open(path, encoding="utf-8", errors="replace", newline="") as f:
                lines = f.read().lstrip("\ufeff").split("\n")
            line = lines[region["startLine"] - 1].rstrip("\r") if region["startLine"] <= len(lines) else ""
            width = utf16_length(line)
            if not (1 <= region["startColumn"] <= region["endColumn"] <= width + 1):
                fail(f"{name}: region {region} is not on its line of {width} UTF-16 units")
            if "`strik`" in result["message"]["text"] and place in result.get("locations", []):
                units = line.encode("utf-16-le")
                shown = units[2 * (region["startColumn"] - 1):2 * (region["endColumn"] - 1)].decode("utf-16-le")
                if shown != "strik":
                    fail(f"{name}: the unknown kind's region reads {shown!r}, not 'strik'")


# The dataset with every kind of place, and the other golden ones.
report_formats = sarif_of("tests/golden/report-formats", expect_exit=1)
if report_formats is not None:
    check_log("tests/golden/report-formats", report_formats)
    levels = {r["level"] for r in report_formats["runs"][0]["results"]}
    if levels != {"error"}:
        fail(f"report-formats: levels {levels}")
golden = os.path.join(SOURCE, "tests/golden")
for name in sorted(os.listdir(golden)):
    if name != "report-formats" and os.path.isdir(os.path.join(golden, name)):
        log = sarif_of(f"tests/golden/{name}")
        if log is not None:
            check_log(f"tests/golden/{name}", log)

# The shipped datasets: sound, so no results, and still a valid log.
for name in sorted(os.listdir(os.path.join(SOURCE, "events"))):
    if os.path.isdir(os.path.join(SOURCE, "events", name)):
        log = sarif_of(f"events/{name}", expect_exit=0)
        if log is not None:
            check_log(f"events/{name}", log)
            if log["runs"][0]["results"]:
                fail(f"events/{name}: results in a sound dataset")

# Every hostile case, laid over base/ in a temporary folder.
bad = os.path.join(SOURCE, "tests/bad")
with tempfile.TemporaryDirectory() as temp:
    for name in sorted(os.listdir(bad)):
        case = os.path.join(bad, name)
        if name in ("base", "generated") or not os.path.isdir(case):
            continue
        folder = os.path.join(temp, name)
        shutil.copytree(os.path.join(bad, "base"), folder)
        shutil.copytree(case, folder, dirs_exist_ok=True)
        leave_out = os.path.join(case, "leave-out.txt")
        if os.path.exists(leave_out):
            with open(leave_out, encoding="utf-8") as f:
                for line in f.read().splitlines():
                    if line:
                        target = os.path.join(folder, line)
                        shutil.rmtree(target) if os.path.isdir(target) else os.remove(target)
        log = sarif_of(folder, expect_exit=1)
        if log is not None:
            check_log(f"tests/bad/{name}", log)

# The hand-made log: a warning, a file that has gone (so its files need not exist).
with open(os.path.join(SOURCE, "tests/sarif/constructed.sarif"), encoding="utf-8") as f:
    constructed = json.load(f)
check_log("tests/sarif/constructed.sarif", constructed, files_exist=False)
if "warning" not in {r["level"] for r in constructed["runs"][0]["results"]}:
    fail("constructed.sarif: no warning to validate")

# The validation bites: each of these broken logs must be refused.
if report_formats is not None:
    def without_version(log):
        log.pop("version", None)

    def line_zero(log):
        next(r for r in log["runs"][0]["results"] if "region" in r["locations"][0]["physicalLocation"]) \
            ["locations"][0]["physicalLocation"]["region"]["startLine"] = 0

    def unknown_level(log):
        log["runs"][0]["results"][0]["level"] = "fatal"

    def nameless_tool(log):
        del log["runs"][0]["tool"]["driver"]["name"]

    def unknown_property(log):
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["path"] = "x"

    for breaks in (without_version, line_zero, unknown_level, nameless_tool, unknown_property):
        broken = copy.deepcopy(report_formats)
        breaks(broken)
        if not schema_errors(broken):
            fail(f"a log broken by {breaks.__name__} passes the schema")
        else:
            print(f"refused as it should be: {breaks.__name__}: {schema_errors(broken)[0]}")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print(f"{checked} SARIF logs valid against SARIF 2.1.0 (python3-jsonschema {version('jsonschema')}); broken ones refused")
