#!/usr/bin/env python3
"""`strikeline lsp` driven through a whole session by a scripted JSON-RPC client.

usage: lsp_session_test.py SOURCE_DIR BUILD_DIR

On a copy of tests/fixtures/nhs-junior-doctors-2023 in a temporary folder: a request
before initialize, initialize (UTF-16, then a second session negotiating UTF-8),
an event file opened, mistakes typed (an unknown link target, a bad date, an
unknown source after a non-ASCII character) and seen at their ranges with their
codes, then fixed and seen cleared; malformed JSON, invalid requests, an unknown
method, a huge and a binary document, a file outside the dataset, fifty quick
edits of which only the last version's diagnostics may be published last, a
dataset folder deleted under the server, shutdown and exit with code 0. No file
of the dataset may change. Every wait has a timeout: a hung server fails the test.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# The edits are typed, never saved: the server checks the editor's unsaved text, and
# the dataset's files on disk must be left exactly as they were.

TIMEOUT = 30  # seconds for any one answer


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


class Client:
    """A JSON-RPC client over the server's standard input and output."""

    def __init__(self, exe, cwd):
        self.proc = subprocess.Popen([exe, "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.received = []  # every message, in order
        self.cond = threading.Condition()
        self.stderr = b""
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.cond:
                        self.cond.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                fail("a message from the server without Content-Length")
            body = out.read(length)
            message = json.loads(body)
            with self.cond:
                self.received.append(message)
                self.cond.notify_all()

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_async(self, method, params):
        id_ = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})
        return id_

    def wait_for(self, predicate, what, start=0, timeout=TIMEOUT):
        """The first message from `start` on that matches, waiting for it."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for message in self.received[start:]:
                    if predicate(message):
                        return message
                if self.proc.poll() is not None and self.proc.stdout.closed:
                    fail(f"the server exited ({self.proc.returncode}) while waiting for {what}")
                left = deadline - time.monotonic()
                if left <= 0:
                    fail(f"no {what} within {timeout} s; stderr: {self.stderr[-2000:]!r}")
                self.cond.wait(min(left, 0.5))

    def response(self, id_, timeout=TIMEOUT):
        return self.wait_for(lambda m: m.get("id") == id_ and "method" not in m, f"answer to request {id_}",
                             timeout=timeout)

    def request(self, method, params, timeout=TIMEOUT):
        return self.response(self.request_async(method, params), timeout)

    def mark(self):
        with self.cond:
            return len(self.received)

    def diagnostics(self, uri, version, start=0, timeout=TIMEOUT):
        """The first publishDiagnostics for `uri` at `version` from `start` on."""
        message = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and
            m["params"].get("version") == version, f"diagnostics of {uri} at version {version}", start, timeout)
        return message["params"]["diagnostics"]

    def published(self, uri):
        with self.cond:
            return [m["params"] for m in self.received
                    if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]

    def wait_exit(self, timeout=TIMEOUT):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("the server did not exit")


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def hashes(folder):
    result = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                result[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
    return result


def utf16_units(text):
    return len(text.encode("utf-16-le")) // 2


def check_range(r, what):
    """A protocol range: non-negative integers, start not after end."""
    try:
        s, e = r["start"], r["end"]
        ok = all(isinstance(p[k], int) and p[k] >= 0 for p in (s, e) for k in ("line", "character"))
        ok = ok and (s["line"], s["character"]) <= (e["line"], e["character"])
    except (KeyError, TypeError):
        ok = False
    if not ok:
        fail(f"{what}: not a valid range: {r!r}")


def expect_error(answer, code, what):
    if answer.get("error", {}).get("code") != code:
        fail(f"{what}: expected error {code}, got {answer!r}")


class Editor:
    """One open document, edited as an editor would, in UTF-16 or UTF-8 units."""

    def __init__(self, client, path, utf16=True):
        self.client, self.path, self.uri, self.utf16 = client, path, uri_of(path), utf16
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.version = 1
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "yaml", "version": self.version, "text": self.text}})

    def units(self, s):
        return utf16_units(s) if self.utf16 else len(s.encode())

    def position(self, offset):
        before = self.text[:offset]
        line = before.count("\n")
        return {"line": line, "character": self.units(before[before.rfind("\n") + 1:])}

    def replace(self, old, new, save=False):
        """Types `new` over the first `old`, as an incremental change."""
        offset = self.text.find(old)
        if offset < 0:
            fail(f"`{old}` is not in {self.path}")
        change = {"range": {"start": self.position(offset), "end": self.position(offset + len(old))}, "text": new}
        self.text = self.text[:offset] + new + self.text[offset + len(old):]
        self.version += 1
        mark = self.client.mark()
        if save:
            with open(self.path, "w", encoding="utf-8") as f:
                f.write(self.text)
        self.client.notify("textDocument/didChange", {"textDocument": {"uri": self.uri, "version": self.version},
                                                      "contentChanges": [change]})
        if save:
            self.client.notify("textDocument/didSave", {"textDocument": {"uri": self.uri}})
        return mark

    def diagnostics(self, mark):
        return self.client.diagnostics(self.uri, self.version, mark)

    def expect(self, mark, code, needle, what, after=""):
        """The diagnostic `code` whose range starts where `needle` does (the first
        after `after`), and runs on along its line."""
        diagnostics = self.diagnostics(mark)
        offset = self.text.find(needle, self.text.find(after))
        want = self.position(offset)
        for d in diagnostics:
            check_range(d["range"], what)
            if d.get("code") == code and d["range"]["start"] == want:
                if d.get("source") != "strikeline" or d.get("severity") not in (1, 2):
                    fail(f"{what}: source or severity wrong: {d!r}")
                end = d["range"]["end"]
                if end["line"] != want["line"] or end["character"] <= want["character"]:
                    fail(f"{what}: the range should run on along the line: {d!r}")
                return d
        fail(f"{what}: expected `{code}` at {want}, got {json.dumps(diagnostics, ensure_ascii=False)}")

    def expect_clean(self, mark, what):
        diagnostics = self.diagnostics(mark)
        if diagnostics:
            fail(f"{what}: expected no diagnostics, got {json.dumps(diagnostics, ensure_ascii=False)}")


def initialize(client, root, encodings=None, watches=False):
    capabilities = {"general": {"positionEncodings": encodings}} if encodings else {}
    if watches:
        capabilities["workspace"] = {"didChangeWatchedFiles": {"dynamicRegistration": True}}
    answer = client.request("initialize", {"processId": os.getpid(), "rootUri": uri_of(root),
                                           "capabilities": capabilities})
    if "result" not in answer:
        fail(f"initialize: {answer!r}")
    mark = client.mark()
    client.notify("initialized", {})
    if watches:
        # A client that watches files for the server is asked to, for every file.
        ask = client.wait_for(lambda m: m.get("method") == "client/registerCapability",
                              "the server asking the client to watch files", mark)
        registration = ask["params"]["registrations"][0]
        if registration["method"] != "workspace/didChangeWatchedFiles" or \
                registration["registerOptions"]["watchers"] != [{"globPattern": "**/*"}]:
            fail(f"the server asked to watch {ask!r}")
        client.send({"jsonrpc": "2.0", "id": ask["id"], "result": None})
    return answer["result"]["capabilities"]


# ---------------------------------------------------------------------------
# FEATURES: what the language features answer, in the protocol's shapes, with every
# place a valid range, and the items a user would expect at each place.
def check_features(client, editor):
    text = editor.text
    link = text.find("event: pay-review-body-recommends-8-8-percent")
    at_link = editor.position(link + len("event: p"))
    doc = {"uri": editor.uri}

    answer = client.request("textDocument/completion", {"textDocument": doc, "position": at_link})
    result = answer.get("result")
    if not isinstance(result, dict) or not isinstance(result.get("items"), list):
        fail(f"completion: expected a CompletionList, got {answer!r}")
    for item in result["items"]:
        if not isinstance(item.get("label"), str):
            fail(f"completion: an item without a label: {item!r}")
        if "textEdit" in item:
            check_range(item["textEdit"]["range"], "completion textEdit")
        if "documentation" in item and item["documentation"].get("kind") != "markdown":
            fail(f"completion: documentation should be Markdown: {item!r}")
    if "pay-review-body-recommends-8-8-percent" not in [item["label"] for item in result["items"]]:
        fail(f"completion after `event: p` does not offer the event it names: {result!r}")

    date = editor.position(text.find('"2023-04"') + 2)
    answer = client.request("textDocument/hover", {"textDocument": doc, "position": date})
    if not answer.get("result"):
        fail(f"hover on a date: {answer!r}")
    if answer["result"]["contents"].get("kind") != "markdown" or "2023" not in answer["result"]["contents"]["value"]:
        fail(f"hover on a date: expected its words in Markdown, got {answer!r}")
    check_range(answer["result"]["range"], "hover")

    for method, extra in (("textDocument/definition", {}),
                          ("textDocument/references", {"context": {"includeDeclaration": True}})):
        answer = client.request(method, {"textDocument": doc, "position": at_link, **extra})
        if not isinstance(answer.get("result"), list) or not answer["result"]:
            fail(f"{method}: expected the event's places, got {answer!r}")
        for location in answer["result"]:
            if not location["uri"].startswith("file://"):
                fail(f"{method}: {location!r}")
            check_range(location["range"], method)

    whole = {"start": {"line": 0, "character": 0}, "end": editor.position(len(text))}
    answer = client.request("textDocument/codeAction", {"textDocument": doc, "range": whole,
                                                        "context": {"diagnostics": []}})
    if not isinstance(answer.get("result"), list):
        fail(f"codeAction: expected a list, got {answer!r}")
    for action in answer["result"]:
        if action.get("kind") != "quickfix" or "changes" not in action.get("edit", {}):
            fail(f"codeAction: expected a quickfix with a WorkspaceEdit, got {action!r}")
        for edits in action["edit"]["changes"].values():
            for edit in edits:
                check_range(edit["range"], "codeAction edit")

    answer = client.request("textDocument/documentSymbol", {"textDocument": doc})
    if not isinstance(answer.get("result"), list) or not answer["result"]:
        fail(f"documentSymbol: expected the file's events, got {answer!r}")

    def walk(symbols):
        for s in symbols:
            check_range(s["range"], "documentSymbol")
            check_range(s["selectionRange"], "documentSymbol selection")
            walk(s.get("children", []))
    walk(answer["result"])
# ---------------------------------------------------------------------------


def main():
    if len(sys.argv) != 3:
        fail(__doc__)
    source, build = sys.argv[1:]
    exe = os.path.abspath(os.path.join(build, "strikeline"))
    work = tempfile.mkdtemp(prefix="strikeline-lsp-")
    try:
        session(source, exe, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("ok: the scripted LSP session")


def session(source, exe, work):
    root = os.path.join(work, "root")
    dataset = os.path.join(root, "nhs")
    doomed = os.path.join(root, "doomed")
    fixture = os.path.join(source, "tests", "fixtures", "nhs-junior-doctors-2023")
    shutil.copytree(fixture, dataset)
    shutil.copytree(fixture, doomed)
    os.makedirs(os.path.join(root, "notes"))
    outside = os.path.join(root, "notes", "todo.yaml")
    with open(outside, "w") as f:
        f.write("events: [not, a, dataset]\n")
    event_file = os.path.join(dataset, "2023-12-december-strike.yaml")
    with open(event_file, "rb") as f:
        original = f.read()
    before = hashes(dataset)

    client = Client(exe, work)

    # A request before initialize; a notification before it is dropped.
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(event_file), "languageId": "yaml",
                                                            "version": 1, "text": "x"}})
    expect_error(client.request("textDocument/hover", {"textDocument": {"uri": uri_of(event_file)},
                                                       "position": {"line": 0, "character": 0}}),
                 -32002, "a request before initialize")

    capabilities = initialize(client, root)
    if capabilities.get("positionEncoding") != "utf-16":
        fail(f"without positionEncodings offered the server must use utf-16: {capabilities!r}")
    if capabilities.get("textDocumentSync", {}).get("change") not in (1, 2):
        fail(f"textDocumentSync: {capabilities!r}")
    expect_error(client.request("initialize", {"capabilities": {}}), -32600, "a second initialize")

    # Open: the clean file gets an empty list at its version.
    mark = client.mark()
    editor = Editor(client, event_file)
    editor.expect_clean(mark, "the fixture as it is")

    # An unknown link target, typed, then fixed.
    mark = editor.replace("        event: pay-review-body-recommends-8-8-percent",
                          "        event: pay-review-body-recommends-9-percent")
    d = editor.expect(mark, "unknown-reference", "pay-review-body-recommends-9-percent", "an unknown link target")
    if "pay-review-body-recommends-9-percent" not in d["message"]:
        fail(f"the message should name the id: {d!r}")
    mark = editor.replace("        event: pay-review-body-recommends-9-percent",
                          "        event: pay-review-body-recommends-8-8-percent")
    editor.expect_clean(mark, "the link fixed")

    # A bad date, with its help on a line of its own.
    mark = editor.replace('date: "2023-04"', 'date: "2023-13"')
    d = editor.expect(mark, "bad-date", '13"', "a bad date", after='date: "2023-13"')
    if "\n" not in d["message"]:
        fail(f"the help should follow the message on a new line: {d!r}")
    mark = editor.replace('date: "2023-13"', 'date: "2023-04"')
    editor.expect_clean(mark, "the date fixed")

    # UTF-16: an unknown source after an en dash (3 bytes in UTF-8, 1 unit in UTF-16).
    citation = ('      - source: sky-news-2023-12-21\n        quote: "Reports suggested an additional pay rise of '
                'around 3% – on top')
    quote_line_start = editor.text.find(citation)
    end_of_quote = editor.text.find("\n", quote_line_start + len(citation))
    quote = editor.text[quote_line_start:end_of_quote].split("quote: ", 1)[1]
    flow = f"      - {{quote: {quote}, source: sky-news-2023-12-2}}"
    block = editor.text[quote_line_start:end_of_quote]
    mark = editor.replace(block, flow)
    d = editor.expect(mark, "unknown-reference", "sky-news-2023-12-2}", "an unknown source after a non-ASCII character")
    line = editor.text.splitlines()[d["range"]["start"]["line"]]
    if d["range"]["start"]["character"] == len(line[:line.find("sky-news-2023-12-2}")].encode()):
        fail("the column is in bytes, not UTF-16 units")
    mark = editor.replace(flow, block)
    editor.expect_clean(mark, "the citation back as it was")

    # Malformed JSON, invalid requests, an unknown method and an unknown notification.
    mark = client.mark()
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    answer = client.wait_for(lambda m: m.get("error", {}).get("code") == -32700, "ParseError", mark)
    if answer.get("id") is not None:
        fail(f"a ParseError answers with id null: {answer!r}")
    mark = client.mark()
    client.send({"jsonrpc": "2.0", "id": "no-method"})
    expect_error(client.wait_for(lambda m: m.get("id") == "no-method", "InvalidRequest", mark), -32600,
                 "a request without a method")
    mark = client.mark()
    client.send({"jsonrpc": "1.0", "id": 77, "method": "shutdown"})
    expect_error(client.wait_for(lambda m: m.get("id") == 77, "InvalidRequest", mark), -32600, "jsonrpc 1.0")
    mark = client.mark()
    client.send([1, 2, 3])
    expect_error(client.wait_for(lambda m: "error" in m and m.get("id") is None, "InvalidRequest", mark), -32600,
                 "an array")
    expect_error(client.request("strikeline/nonsense", {}), -32601, "an unknown method")
    client.notify("strikeline/nonsense", {})
    client.notify("$/setTrace", {"value": "off"})
    # A request cancelled in the same breath is answered RequestCancelled or answered normally.
    id_ = client.request_async("textDocument/documentSymbol", {"textDocument": {"uri": editor.uri}})
    client.notify("$/cancelRequest", {"id": id_})
    answer = client.response(id_)
    if "result" not in answer and answer.get("error", {}).get("code") != -32800:
        fail(f"a cancelled request: {answer!r}")

    check_features(client, editor)

    # A huge document (over the loader's 64 MiB) and a binary one: answered, no crash.
    huge = os.path.join(dataset, "huge.yaml")
    huge_text = "# " + "x" * 1000 + "\n"
    huge_text = huge_text * (65 * 1024 * 1024 // len(huge_text) + 2)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(huge), "languageId": "yaml",
                                                            "version": 1, "text": huge_text}})
    del huge_text
    binary = os.path.join(dataset, "binary.yaml")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(binary), "languageId": "yaml", "version": 1,
                                                            "text": "".join(chr(c) for c in range(0, 0x3000, 7))}})
    # Raw invalid UTF-8 inside a JSON string: the message is not valid JSON text.
    body = b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"' + \
        uri_of(os.path.join(dataset, "raw.yaml")).encode() + b'","languageId":"yaml","version":1,"text":"\xff\xfe\x00"}}}'
    client.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    huge_versions = client.diagnostics(uri_of(huge), 1, timeout=120)
    for d in huge_versions:
        check_range(d["range"], "the huge document")
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(huge)}})
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(binary)}})

    # A file outside any dataset: no diagnostics, and the server still answers.
    mark = client.mark()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri_of(outside), "languageId": "yaml",
                                                            "version": 1, "text": "events: [\n"}})
    answer = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri_of(outside)}})
    if not isinstance(answer.get("result"), list):
        fail(f"documentSymbol outside a dataset: {answer!r}")
    answer = client.request("textDocument/hover", {"textDocument": {"uri": uri_of(outside)},
                                                   "position": {"line": 0, "character": 3}})
    if "result" not in answer:
        fail(f"hover outside a dataset: {answer!r}")

    # Fifty edits sent at once, alternately broken and mended, so that every other
    # version has an unknown link target and the last has none: the last
    # diagnostics published for the file are those of the last version.
    good = "        event: pay-review-body-recommends-8-8-percent"
    bad = "        event: pay-review-body-recommends-9-percent"
    mark = client.mark()
    for i in range(50):
        old, new = (good, bad) if i % 2 == 0 else (bad, good)
        editor.replace(old, new, save=False)
    final = editor.version
    editor.expect_clean(mark, "the last of fifty edits")
    time.sleep(2)  # anything published late would come now
    published = client.published(editor.uri)
    if published[-1].get("version") != final or published[-1]["diagnostics"]:
        fail(f"the last diagnostics published are {published[-1]!r}, not the empty list of version {final}")
    versions = [p.get("version") for p in published if p.get("version") is not None]
    if versions != sorted(versions):
        fail(f"diagnostics were published out of order: {versions}")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": editor.uri, "type": 2}]})
    if hashes(dataset) != before:
        fail("a file of the dataset changed")

    # The dataset folder deleted under the server: reported on the open document.
    doomed_file = os.path.join(doomed, "2023-12-december-strike.yaml")
    doomed_editor = Editor(client, doomed_file)
    doomed_editor.expect_clean(0, "the second dataset")
    shutil.rmtree(doomed)
    mark = client.mark()
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri_of(doomed), "type": 3}]})
    message = client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and
                              m["params"]["uri"] == doomed_editor.uri and m["params"]["diagnostics"],
                              "diagnostics on the open document of a deleted dataset", mark)
    for d in message["params"]["diagnostics"]:
        check_range(d["range"], "a deleted dataset")
    answer = client.request("textDocument/hover", {"textDocument": {"uri": doomed_editor.uri},
                                                   "position": {"line": 3, "character": 4}})
    if "result" not in answer:
        fail(f"hover in a deleted dataset: {answer!r}")

    # No diagnostics ever for the file outside the dataset.
    if client.published(uri_of(outside)):
        fail("a file outside any dataset got diagnostics")

    answer = client.request("shutdown", None)
    if "result" not in answer or answer["result"] is not None:
        fail(f"shutdown: {answer!r}")
    expect_error(client.request("textDocument/hover", {"textDocument": {"uri": editor.uri},
                                                       "position": {"line": 0, "character": 0}}),
                 -32600, "a request after shutdown")
    client.notify("exit", None)
    status = client.wait_exit()
    if status != 0:
        fail(f"exit after shutdown: exit code {status}, stderr {client.stderr!r}")
    if hashes(dataset) != before:
        fail("a file of the dataset changed")

    # A second session negotiates UTF-8: columns in bytes. Exit without shutdown is 1.
    client = Client(exe, work)
    capabilities = initialize(client, root, ["utf-8", "utf-16"], watches=True)
    if capabilities.get("positionEncoding") != "utf-8":
        fail(f"the client offered utf-8: {capabilities!r}")
    mark = client.mark()
    editor = Editor(client, event_file, utf16=False)
    editor.expect_clean(mark, "the fixture, in UTF-8")
    quote_line_start = editor.text.find(citation)
    end_of_quote = editor.text.find("\n", quote_line_start + len(citation))
    mark = editor.replace(editor.text[quote_line_start:end_of_quote], flow)
    d = editor.expect(mark, "unknown-reference", "sky-news-2023-12-2}", "an unknown source, in UTF-8 units")
    with open(event_file, "wb") as f:
        f.write(original)
    client.notify("exit", None)
    status = client.wait_exit()
    if status != 1:
        fail(f"exit without shutdown: expected exit code 1, got {status}")
    if hashes(dataset) != before:
        fail("a file of the dataset changed")


if __name__ == "__main__":
    main()
