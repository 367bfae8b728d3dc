#!/usr/bin/env python3
"""Talk to an installed Java kernel through jupyter_client, as a notebook front end does, and check that it

  1. evaluates `1 + 1` to 2 (execute_result, text/plain),
  2. streams System.out and System.err while a cell runs (a cell that writes only to System.err included),
  3. renders an XChart chart as image/png (a Base64 PNG of the chart's size),
  4. renders a Tablesaw Table as text/html (values and the "rows × columns" caption),
  5. sends display_data / update_display_data for Notebook.display / Notebook.updateDisplay,
  6. stops `while (true) {}` on an interrupt request (interrupt_mode message) and evaluates again,
  7. survives a compile error and an uncaught exception (error replies, each with exactly one iopub output: the
     error), evaluating again after each,
  8. conforms to the messaging spec 5.3 (message_spec.py): every message received from the kernel, whichever
     request it answers, is validated (its parts, header, parent header, content schema of its type, `status` on
     every reply); each execute request's iopub opens with status busy and an execute_input that echoes the code
     and the reply's execution_count; one request of each type is made: kernel_info, execute, inspect (the Javadoc
     of UVMap.of), complete (the exact matches), is_complete (complete, incomplete, invalid), history (tail with
     outputs, range, search: all matches, unique, the last n; a store_history=False cell is not kept), comm_info,
     interrupt (its reply on the control channel), clear_output from a cell, shutdown,
  9. answers a help request `UVMap.of?` / `?Math.max` with the Javadoc as a `page` payload of the execute reply.

Together these cover what the public kernel conformance suite (jupyter_kernel_test) checks; README.md says how to
run that one by hand.

Usage: protocol_check.py [--kernel sharpness-java] [--interrupt-limit 5]
Prints one line per check (with timings); exit status 0 if all pass, 1 otherwise.
"""
import argparse
import base64
import subprocess
import tempfile
import struct
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager

from message_spec import validate


class Kernel:
    """The kernel under test and a client of it. Every message received from it, whichever request it answers, is
    validated against the spec (message_spec.validate) and counted in `validated`."""

    def __init__(self, name, startup_timeout):
        self.km = KernelManager(kernel_name=name)
        t0 = time.monotonic()
        self.log = tempfile.TemporaryFile()  # the kernel's stderr: what the Jupyter server's log would show
        self.km.start_kernel(stderr=self.log, stdout=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)
        self.startup = time.monotonic() - t0
        self.validated = 0
        self.sent = {}  # msg_id -> code of the execute requests

    def _get(self, get, timeout):
        msg = get(timeout=timeout)
        validate(msg)
        self.validated += 1
        return msg

    def iopub(self, timeout):
        return self._get(self.kc.get_iopub_msg, timeout)

    def send(self, code, store_history=True):
        msg_id = self.kc.execute(code, store_history=store_history, allow_stdin=False)
        self.sent[msg_id] = code
        return msg_id

    def collect(self, msg_id, timeout):
        """The shell reply and the iopub messages of one request (until its status goes idle). The request's iopub
        messages must open with status busy and execute_input, which echoes the code and the reply's
        execution_count."""
        deadline = time.monotonic() + timeout
        outputs, idle, reply, kinds, echo = [], False, None, [], []
        while not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no idle status within {timeout} s; outputs so far: {outputs}")
            try:
                msg = self.iopub(left)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            kinds.append(kind)
            if kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif kind == "execute_input":
                echo.append(msg["content"])
            else:
                outputs.append((kind, msg["content"]))
        while reply is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no execute_reply within {timeout} s")
            msg = self._get(self.kc.get_shell_msg, max(left, 0.1))
            if msg["parent_header"].get("msg_id") == msg_id:
                assert msg["msg_type"] == "execute_reply", msg["msg_type"]
                reply = msg["content"]
        assert kinds[:2] == ["status", "execute_input"], f"iopub of an execute request opens with {kinds[:2]}"
        assert len(echo) == 1 and echo[0]["code"] == self.sent.get(msg_id), f"execute_input {echo}"
        assert echo[0]["execution_count"] == reply["execution_count"], f"execute_input {echo[0]}, reply {reply}"
        return reply, outputs

    def request(self, msg_id, channel="shell", timeout=30):
        """The validated reply to request msg_id (and its iopub busy/idle), as a whole message."""
        get = self.kc.get_shell_msg if channel == "shell" else self.kc.control_channel.get_msg
        deadline = time.monotonic() + timeout
        while True:
            msg = self._get(get, max(deadline - time.monotonic(), 0.1))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def drain_iopub(self, msg_id, timeout=10):
        """The validated iopub messages of request msg_id up to its idle status."""
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                msg = self.iopub(max(deadline - time.monotonic(), 0.1))
            except Empty:
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            seen.append(msg["msg_type"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return seen

    def flush(self):
        """Validates every message still queued on the shell and iopub channels; returns how many there were."""
        n = 0
        for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg):
            while True:
                try:
                    self._get(get, 0.2)
                    n += 1
                except Empty:
                    break
        return n

    def run(self, code, timeout=60, store_history=True):
        return self.collect(self.send(code, store_history), timeout)

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.is_alive():
                self.km.shutdown_kernel(now=False)


def data_of(outputs, kind, mime):
    for k, content in outputs:
        if k == kind and mime in content.get("data", {}):
            return content["data"][mime], content
    return None, None


def png_size(b64):
    raw = base64.b64decode(b64)
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("image/png is not a PNG")
    return struct.unpack(">II", raw[16:24])


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", default="sharpness-java")
    p.add_argument("--startup-timeout", type=float, default=120)
    p.add_argument("--interrupt-limit", type=float, default=5.0, help="seconds allowed to stop a busy loop")
    args = p.parse_args(argv)

    failures = []

    def check(name, fn):
        t0 = time.monotonic()
        try:
            detail = fn()
            print(f"ok    {name} ({time.monotonic() - t0:.2f} s){': ' + detail if detail else ''}", flush=True)
        except Exception as e:  # report every failed check, keep going
            failures.append(name)
            print(f"FAIL  {name} ({time.monotonic() - t0:.2f} s): {type(e).__name__}: {e}", flush=True)

    k = Kernel(args.kernel, args.startup_timeout)
    print(f"ok    kernel '{args.kernel}' ready in {k.startup:.2f} s", flush=True)
    try:
        def expect_value(code, want):
            reply, outs = k.run(code)
            assert reply["status"] == "ok", f"{code!r}: reply {reply}"
            text, _ = data_of(outs, "execute_result", "text/plain")
            assert text is not None and text.strip() == want, f"{code!r} gave {text!r}, outputs {outs}"

        def one_plus_one():
            expect_value("1 + 1", "2")

        def stdout():
            reply, outs = k.run('System.out.println("hello from java"); System.err.println("to stderr");')
            assert reply["status"] == "ok", reply
            streams = {c["name"]: c["text"] for kind, c in outs if kind == "stream"}
            assert "hello from java" in streams.get("stdout", ""), outs
            assert "to stderr" in streams.get("stderr", ""), outs

        def stderr_only():
            reply, outs = k.run('System.err.println("only to stderr");')
            assert reply["status"] == "ok", reply
            assert outs == [("stream", {"name": "stderr", "text": "only to stderr\n"})], outs

        def chart_png():
            reply, outs = k.run(
                "var chart = new org.knowm.xchart.XYChartBuilder().width(321).height(203).title(\"t\").build();\n"
                "chart.addSeries(\"y\", new double[] {0, 1, 2}, new double[] {1, 0, 1});\n"
                "chart")
            assert reply["status"] == "ok", reply
            b64, _ = data_of(outs, "execute_result", "image/png")
            assert isinstance(b64, str), f"no image/png string in {[(kd, list(c.get('data', {}))) for kd, c in outs]}"
            size = png_size(b64)
            assert size == (321, 203), f"PNG is {size}, chart is 321x203"
            return f"PNG {size[0]}x{size[1]}, {len(b64)} Base64 chars"

        def table_html():
            reply, outs = k.run(
                'tech.tablesaw.api.Table.create("tbl", tech.tablesaw.api.IntColumn.create("step", new int[] {7, 8, 9}),'
                ' tech.tablesaw.api.DoubleColumn.create("lambda", new double[] {0.5, 1.25, 2.0}))')
            assert reply["status"] == "ok", reply
            html, _ = data_of(outs, "execute_result", "text/html")
            assert html is not None, f"no text/html in {outs}"
            for want in ("<table", "lambda", "1.25", "3 rows × 2 columns"):
                assert want in html, f"{want!r} not in the HTML: {html[:300]}"

        def display_update():
            reply, outs = k.run(
                'String id = org.sharpnesslab.notebook.Notebook.display("first");\n'
                'org.sharpnesslab.notebook.Notebook.updateDisplay(id, "second");\n'
                'id')
            assert reply["status"] == "ok", reply
            shown, content = data_of(outs, "display_data", "text/plain")
            assert shown == "first", outs
            display_id = content.get("transient", {}).get("display_id")
            assert display_id, f"display_data without transient.display_id: {content}"
            updated, ucontent = data_of(outs, "update_display_data", "text/plain")
            assert updated == "second", outs
            assert ucontent["transient"]["display_id"] == display_id, ucontent
            returned, _ = data_of(outs, "execute_result", "text/plain")
            assert returned is not None and display_id in returned, f"id {returned!r} vs {display_id!r}"

        def interrupt():
            msg_id = k.send("while (true) { }")
            time.sleep(1.0)
            t0 = time.monotonic()
            k.km.interrupt_kernel()
            reply, outs = k.collect(msg_id, timeout=args.interrupt_limit + 30)
            stopped = time.monotonic() - t0
            assert reply["status"] in ("error", "abort"), f"interrupted cell replied {reply}"
            assert stopped <= args.interrupt_limit, f"stopped after {stopped:.2f} s (limit {args.interrupt_limit} s)"
            expect_value("2 * 21", "42")
            return f"stopped {stopped:.2f} s after the interrupt request, next cell evaluated"

        def compile_error():
            reply, outs = k.run('int broken = "text";')
            assert reply["status"] == "error", f"compile error replied {reply}"
            err = [c for kd, c in outs if kd == "error"]
            assert [kd for kd, _ in outs] == ["error"], f"iopub outputs of a compile error: {outs}"
            expect_value("3 + 4", "7")
            return f"{err[0]['ename']}: {err[0]['evalue'][:60]!r}"

        def exception():
            reply, outs = k.run('throw new IllegalStateException("boom-1234");')
            assert reply["status"] == "error", f"exception replied {reply}"
            text = reply.get("evalue", "") + " ".join(reply.get("traceback", []))
            assert "boom-1234" in text, f"message not in the error: {reply}"
            assert [kd for kd, _ in outs] == ["error"], f"iopub outputs of an exception: {outs}"
            expect_value('"still " + "alive"', 'still alive')
            return f"{reply['ename']}: {reply['evalue'][:60]!r}"

        def kernel_info():
            msg = k.request(k.kc.kernel_info())
            c = msg["content"]
            assert c["status"] == "ok" and c["language_info"]["name"] == "java", c
            assert c["language_info"]["file_extension"].startswith("."), c["language_info"]
            return f"protocol {c['protocol_version']}, {c['implementation']} {c['implementation_version']}"

        def inspect_javadoc():
            code = "var m = UVMap.of(0.3, 1, 2, 1);"
            for cursor in (code.index("of(") + 1, code.index("of(") + 2, code.index("0.3")):
                msg = k.request(k.kc.inspect(code, cursor, detail_level=0))
                c = msg["content"]
                assert c["found"], f"inspect at {cursor} found nothing: {c}"
                text, html = c["data"].get("text/plain", ""), c["data"].get("text/html", "")
                assert "UVMap.of(double eta" in text and "input norm" in text, text
                assert "<" in html and "input norm" in html, html
            k.drain_iopub(msg["parent_header"]["msg_id"])
            msg = k.request(k.kc.inspect("Math.max", 8))
            assert "Math.max(double a, double b)" in msg["content"]["data"]["text/plain"], msg["content"]
            return "UVMap.of: signatures and Javadoc as text/plain and text/html"

        def complete():
            msg = k.request(k.kc.complete("Str", 3))
            c = msg["content"]
            assert "String" in c["matches"] and c["cursor_start"] == 0 and c["cursor_end"] == 3, c
            exact = k.request(k.kc.complete("Math.signu"))["content"]  # cursor at the end
            assert exact["matches"] == ["signum("] and (exact["cursor_start"], exact["cursor_end"]) == (5, 10), exact
            return f"{len(c['matches'])} matches for 'Str'; exactly ['signum('] for 'Math.signu'"

        def is_complete():
            want = {"int x = 1;": "complete", "%%time\nint y = 2;": "complete", "UVMap.of?": "complete",
                    "undefinedName + 1": "complete",  # a compile error, not a syntax error: run it to see why
                    "for (int i = 0; i < 3; i++) {": "incomplete", 'String s = "abc" +': "incomplete",
                    "int = 7q;": "invalid", "1 +* 2;": "invalid"}
            got = {code: k.request(k.kc.is_complete(code))["content"] for code in want}
            wrong = {code: c["status"] for code, c in got.items() if c["status"] != want[code]}
            assert not wrong, f"is_complete statuses {wrong}, wanted {want}"
            return "complete / incomplete (indent " + repr(got["for (int i = 0; i < 3; i++) {"].get("indent")) \
                + ") / invalid"

        def history():
            def hist(**request):
                return k.request(k.kc.history(raw=True, **request))["content"]["history"]

            k.run('String historyMarker = "h-1";')
            k.run("historyMarker.length()")
            k.run("historyMarker.isEmpty()", store_history=False)
            tail = hist(hist_access_type="tail", n=2, output=True)
            assert [e[2][0] for e in tail] == ['String historyMarker = "h-1";', "historyMarker.length()"], \
                f"tail (the store_history=False cell left out): {tail}"
            assert all(len(e[2]) == 2 for e in tail) and tail[-1][2][1] == "3", f"(input, output) pairs: {tail}"
            session, last = tail[-1][0], tail[-1][1]
            one = hist(hist_access_type="range", output=False, session=session, start=last, stop=last + 1)
            assert one == [[session, last, "historyMarker.length()"]], one
            rng = hist(hist_access_type="range", output=False, session=0, start=last - 1, stop=last + 1)
            inputs = [e[2] for e in rng]
            assert inputs == ['String historyMarker = "h-1";', "historyMarker.length()"], inputs
            for _ in range(3):
                k.run("historyMarker.length()")
            found = hist(hist_access_type="search", output=False, pattern="historyMarker.*")
            assert [e[2] for e in found] == ["historyMarker.length()"] * 4, found
            unique = hist(hist_access_type="search", output=False, pattern="historyMarker.*", unique=True)
            assert [e[2] for e in unique] == ["historyMarker.length()"], unique
            last3 = hist(hist_access_type="search", output=False, pattern="historyMarker.*", n=3)
            assert [e[1] for e in last3] == [e[1] for e in found[-3:]], f"the last 3 of {found}: {last3}"
            return f"tail with outputs, range [{last - 1}, {last + 1}), search (all, unique, n=3)"

        def pager():
            reply, outs = k.run("UVMap.of?")
            assert reply["status"] == "ok", reply
            payload = reply.get("payload", [])
            assert len(payload) == 1 and payload[0]["source"] == "page", f"payload {payload}"
            text = payload[0]["data"]["text/plain"]
            assert "UVMap.of(double eta" in text and "input norm" in text, text[:300]
            assert "input norm" in payload[0]["data"].get("text/html", ""), payload[0]["data"]
            assert outs == [], f"a help request shows no output of its own: {outs}"
            reply, _ = k.run("?Math.max")
            assert "Math.max(double a, double b)" in reply["payload"][0]["data"]["text/plain"], reply
            reply, outs = k.run("NoSuchName123?")
            assert reply["status"] == "ok" and reply.get("payload") == [], reply
            assert outs == [("stream", {"name": "stdout", "text": "No documentation found for NoSuchName123\n"})], outs
            return f"page payload of {len(text)} characters for UVMap.of"

        def echo():
            code = "int echoed = 6;\n// a comment\nechoed * 7"
            reply, _ = k.run(code)  # collect() checks the echo of every cell
            return f"execute_input of cell {reply['execution_count']} is its code"

        def every_message():
            left = k.flush()
            return f"{k.validated} messages validated ({left} left queued at the end)"

        def comm_info():
            c = k.request(k.kc.comm_info())["content"]
            assert c["status"] == "ok" and isinstance(c["comms"], dict), c
            return f"{len(c['comms'])} comms"

        def clear_output():
            reply, outs = k.run('System.out.println("gone");\n'
                                'org.sharpnesslab.notebook.Notebook.clear(true);\n'
                                'System.out.println("kept");')
            assert reply["status"] == "ok", reply
            kinds = [kd for kd, _ in outs]
            assert "clear_output" in kinds, kinds
            at = kinds.index("clear_output")
            assert outs[at][1]["wait"] is True, outs[at]
            before = "".join(c["text"] for kd, c in outs[:at] if kd == "stream")
            after = "".join(c["text"] for kd, c in outs[at:] if kd == "stream")
            assert before == "gone\n" and after == "kept\n", outs
            return "clear_output(wait=true) between the two lines"

        def interrupt_reply():
            msg = k.kc.session.msg("interrupt_request", {})
            k.kc.control_channel.send(msg)
            reply = k.request(msg["header"]["msg_id"], channel="control")
            assert reply["content"]["status"] == "ok", reply
            expect_value("5 + 5", "10")
            return "interrupt_reply on the control channel while idle"

        def error_reply():
            msg_id = k.send("undefinedName + 1")
            msg = k.request(msg_id)
            c = msg["content"]
            assert c["status"] == "error" and c["ename"] and isinstance(c["traceback"], list), c
            k.drain_iopub(msg_id)
            return f"{c['ename']}"

        def whole_lines():
            reply, outs = k.run('for (int i = 0; i < 40; i++) {\n'
                                '    System.out.printf("row %d: ", i);\n'
                                '    Thread.sleep(2);\n'
                                '    System.out.printf("%d%n", i);\n'
                                '}')
            chunks = [c["text"] for kd, c in outs if kd == "stream"]
            assert all(ch.endswith("\n") for ch in chunks), chunks
            assert "".join(chunks).count("\n") == 40, chunks
            return f"{len(chunks)} stream message(s), each of whole lines"

        def quiet_start():
            k.log.seek(0)
            text = k.log.read().decode("utf-8", "replace")
            assert "WARNING" not in text, f"the kernel's log holds warnings:\n{text}"
            return "no warning in the kernel's log"

        def shutdown():
            msg = k.kc.session.msg("shutdown_request", {"restart": False})
            k.kc.control_channel.send(msg)
            reply = k.request(msg["header"]["msg_id"], channel="control")
            assert reply["content"] == {"status": "ok", "restart": False}, reply["content"]
            for _ in range(100):
                if not k.km.is_alive():
                    break
                time.sleep(0.1)
            assert not k.km.is_alive(), "the kernel process is still alive 10 s after its shutdown_reply"
            return "shutdown_reply, then the process ended"

        check("kernel_info_reply conforms (status included)", kernel_info)
        check("1 + 1 evaluates to 2", one_plus_one)
        check("stdout and stderr are streamed", stdout)
        check("a cell writing only to stderr gives one stderr stream", stderr_only)
        check("execute_input echoes the code and the execution count", echo)
        check("an XChart chart renders as image/png", chart_png)
        check("a Table renders as text/html", table_html)
        check("display and updateDisplay", display_update)
        check("interrupt stops while (true) {} and the kernel keeps going", interrupt)
        check("a compile error is reported and the kernel keeps going", compile_error)
        check("an exception is reported and the kernel keeps going", exception)
        check("execute_reply with status error conforms", error_reply)
        check("inspect gives the Javadoc of the name at or before the cursor", inspect_javadoc)
        check("complete_reply conforms", complete)
        check("is_complete_reply conforms", is_complete)
        check("history: tail, range and search over the session's cells", history)
        check("'Name?' pages the Javadoc (execute reply payload)", pager)
        check("comm_info_reply conforms", comm_info)
        check("clear_output from a cell (Notebook.clear)", clear_output)
        check("stream output holds whole lines", whole_lines)
        check("interrupt_reply conforms", interrupt_reply)
        check("every message received conforms to the spec", every_message)
        check("a normal kernel start logs no warning", quiet_start)
        check("shutdown_reply conforms and the kernel exits", shutdown)
    finally:
        k.close()
    if failures:
        print(f"{len(failures)} protocol check(s) failed: {', '.join(failures)}", flush=True)
        return 1
    print("all protocol checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
