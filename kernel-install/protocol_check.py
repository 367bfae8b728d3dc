#!/usr/bin/env python3
"""Talk to an installed Java kernel through jupyter_client, as a notebook front end does, and check that it

  1. evaluates `1 + 1` to 2 (execute_result, text/plain),
  2. streams System.out while a cell runs,
  3. renders an XChart chart as image/png (a Base64 PNG of the chart's size),
  4. renders a Tablesaw Table as text/html (values and the "rows × columns" caption),
  5. sends display_data / update_display_data for Notebook.display / Notebook.updateDisplay,
  6. stops `while (true) {}` on an interrupt request (interrupt_mode message) and evaluates again,
  7. survives a compile error and an uncaught exception (error replies), evaluating again after each.

Usage: protocol_check.py [--kernel sharpness-java] [--interrupt-limit 5]
Prints one line per check (with timings); exit status 0 if all pass, 1 otherwise.
"""
import argparse
import base64
import struct
import sys
import time
from queue import Empty

from jupyter_client.manager import KernelManager


class Kernel:
    def __init__(self, name, startup_timeout):
        self.km = KernelManager(kernel_name=name)
        t0 = time.monotonic()
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)
        self.startup = time.monotonic() - t0

    def send(self, code):
        return self.kc.execute(code, store_history=True, allow_stdin=False)

    def collect(self, msg_id, timeout):
        """The shell reply and the iopub messages of one request (until its status goes idle)."""
        deadline = time.monotonic() + timeout
        outputs, idle, reply = [], False, None
        while not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no idle status within {timeout} s; outputs so far: {outputs}")
            try:
                msg = self.kc.get_iopub_msg(timeout=left)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif kind not in ("execute_input",):
                outputs.append((kind, msg["content"]))
        while reply is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no execute_reply within {timeout} s")
            msg = self.kc.get_shell_msg(timeout=max(left, 0.1))
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
        return reply, outputs

    def run(self, code, timeout=60):
        return self.collect(self.send(code), timeout)

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
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
            assert err, f"no error message on iopub: {outs}"
            expect_value("3 + 4", "7")
            return f"{err[0]['ename']}: {err[0]['evalue'][:60]!r}"

        def exception():
            reply, outs = k.run('throw new IllegalStateException("boom-1234");')
            assert reply["status"] == "error", f"exception replied {reply}"
            text = reply.get("evalue", "") + " ".join(reply.get("traceback", []))
            assert "boom-1234" in text, f"message not in the error: {reply}"
            expect_value('"still " + "alive"', 'still alive')
            return f"{reply['ename']}: {reply['evalue'][:60]!r}"

        check("1 + 1 evaluates to 2", one_plus_one)
        check("stdout and stderr are streamed", stdout)
        check("an XChart chart renders as image/png", chart_png)
        check("a Table renders as text/html", table_html)
        check("display and updateDisplay", display_update)
        check("interrupt stops while (true) {} and the kernel keeps going", interrupt)
        check("a compile error is reported and the kernel keeps going", compile_error)
        check("an exception is reported and the kernel keeps going", exception)
    finally:
        k.close()
    if failures:
        print(f"{len(failures)} protocol check(s) failed: {', '.join(failures)}", flush=True)
        return 1
    print("all protocol checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
