#!/usr/bin/env python3
"""Kernel benchmark and protocol check for the sharpness-lab Jupyter kernel (issue 2, item 8).

Starts the kernel from the built jar through jupyter_client (a temporary kernelspec, interrupt_mode "message"),
and prints:
  * cold start -> first executed cell ("1+1" answered), median of N runs (goal < 3 s), with the time to
    kernel_info ("ready") and the first cell itself;
  * the latency of a warm "1+1" and of a cell returning a 10-series x 10,000-point XChart (image/png);
  * protocol checks: a badly signed message is ignored, an interrupt stops `while (true) {}`, the kernel answers
    afterwards.

Usage:  python3 bench/kernel_bench.py [--jar target/sharpness-lab-0.1.0-SNAPSHOT-kernel.jar] [--runs 5]
            [--java /path/to/java] [--java-opt -Djava.security.manager=allow]
Needs:  jupyter_client (python3 without it re-runs this script with .venv/bin/python, which install.sh makes); the jar from `mvn -o -q package -DskipTests`.
"""
import argparse
import glob
import json
import os
import queue
import shutil
import statistics
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

try:
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.session import Session
    import zmq
except ImportError:
    # Jupyter usually lives in the project's .venv (kernel-install/install.sh makes it): run there instead
    venv_python = os.path.join(ROOT, ".venv", "bin", "python")
    in_venv = os.path.realpath(sys.prefix) == os.path.realpath(os.path.join(ROOT, ".venv"))
    if not in_venv and os.access(venv_python, os.X_OK):
        os.execv(venv_python, [venv_python, os.path.abspath(__file__), *sys.argv[1:]])
    sys.exit("needs jupyter_client: run kernel-install/install.sh (it makes .venv with Jupyter), "
             "or python3 -m pip install jupyter_client")


def kernelspec(tmp, jar, java="java", java_opts=()):
    d = os.path.join(tmp, "kernels", "sharpness-bench")
    os.makedirs(d, exist_ok=True)
    spec = {
        "argv": [java, *java_opts, "-Djava.awt.headless=true", "-jar", jar, "{connection_file}"],
        "display_name": "Java (sharpness-lab, bench)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {},
    }
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump(spec, f)
    return KernelSpecManager(kernel_dirs=[os.path.join(tmp, "kernels")])


def run_cell(kc, code, timeout=60, streams=None):
    """Executes code; returns (seconds, reply status, execute_result data or None, error content or None)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    result, error = None, None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        t = msg["msg_type"]
        if t == "execute_result":
            result = msg["content"]["data"]
        elif t == "error":
            error = msg["content"]
        elif t == "stream" and streams is not None:
            streams.append(msg["content"]["text"])
        elif t == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = shell_reply(kc, msg_id, timeout)
    return time.perf_counter() - t0, reply["content"]["status"], result, error


def shell_reply(kc, msg_id, timeout):
    """The shell reply to msg_id (skipping stray replies, e.g. to wait_for_ready's extra kernel_info requests)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def start(ksm):
    km = KernelManager(kernel_name="sharpness-bench", kernel_spec_manager=ksm)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    ready = time.perf_counter() - t0
    return km, kc, t0, ready


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def cold_starts(ksm, runs):
    rows = []
    for i in range(runs):
        km, kc, t0, ready = start(ksm)
        try:
            cell, status, result, _ = run_cell(kc, "1+1")
        except BaseException:
            km.shutdown_kernel(now=True)
            raise
        total = time.perf_counter() - t0
        ok = status == "ok" and result and result.get("text/plain") == "2"
        rows.append((total, ready, cell, ok))
        print(f"  run {i + 1}: cold start -> 1+1 = {total:.2f} s (kernel_info {ready:.2f} s, first cell {cell:.2f} s)"
              f"{'' if ok else '  WRONG RESULT: ' + repr(result)}")
        stop(km, kc)
    return rows


def protocol_checks(ksm):
    km, kc, _, _ = start(ksm)
    try:
        checks(km, kc)
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=True)


def checks(km, kc):
    run_cell(kc, "1+1")
    warm = [run_cell(kc, "1+1")[0] for _ in range(5)]
    print(f"  warm 1+1: median {statistics.median(warm) * 1000:.0f} ms")

    chart = ("var c = new XYChartBuilder().width(600).height(400).build();\n"
             "for (int s = 0; s < 10; s++) { double[] x = new double[10000], y = new double[10000];\n"
             "  for (int i = 0; i < x.length; i++) { x[i] = i; y[i] = Math.sin(i * 1e-3 + s) + s; }\n"
             "  c.addSeries(\"s\" + s, x, y); }\n"
             "c")
    secs, status, result, _ = run_cell(kc, chart)
    secs2, _, _, _ = run_cell(kc, "c")
    png = result and result.get("image/png")
    print(f"  chart 10 series x 10,000 points -> image/png ({len(png) if png else 0} Base64 chars): "
          f"build+render cell {secs * 1000:.0f} ms, re-render {secs2 * 1000:.0f} ms")

    # A badly signed kernel_info_request on the shell channel must be ignored (no reply), and the kernel must
    # keep answering correctly signed ones.
    info = km.get_connection_info(session=False)
    bad = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    bad.send(sock, "kernel_info_request", {})
    answered = sock.poll(1500)
    sock.close(0)
    t0 = time.perf_counter()
    reply = shell_reply(kc, kc.kernel_info(), 10)
    print(f"  badly signed message: {'IGNORED' if not answered else 'ANSWERED (bad)'}; "
          f"signed kernel_info afterwards: {reply['msg_type']} in {(time.perf_counter() - t0) * 1000:.0f} ms")

    msg_id = kc.execute("while (true) {}")
    time.sleep(1.0)
    t0 = time.perf_counter()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, 30)
    stopped = time.perf_counter() - t0
    while True:  # drain iopub of that cell
        m = kc.get_iopub_msg(timeout=10)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" \
                and m["content"]["execution_state"] == "idle":
            break
    _, status, result, _ = run_cell(kc, "1+1")
    print(f"  interrupt of while (true) {{}}: reply '{reply['content']['status']}' "
          f"({reply['content'].get('ename')}) after {stopped * 1000:.0f} ms; next cell 1+1 -> "
          f"{result and result.get('text/plain')}")

    _, status, _, err = run_cell(kc, "int a = 1;\nString s = nope();")
    print(f"  compile error: {err and err['ename']}: {err and err['evalue']}")
    streams = []
    try:
        _, status, _, err = run_cell(kc, "System.exit(2)", timeout=15, streams=streams)
        _, _, result, _ = run_cell(kc, "1+1", timeout=15)
        print(f"  System.exit(2): {err and err['ename']}: {err and err['evalue'][:60]}...; kernel alive "
              f"afterwards: {result and result.get('text/plain') == '2'}")
    except queue.Empty:
        time.sleep(1)
        print(f"  System.exit(2): the kernel process exited (alive: {km.is_alive()}); the cell's stderr said: "
              f"{''.join(streams).strip()!r}")
    kc.stop_channels()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-checks", action="store_true")
    ap.add_argument("--java", default="java", help="the java executable (default: java on PATH)")
    ap.add_argument("--java-opt", action="append", default=[],
                    help="extra JVM option, e.g. -Djava.security.manager=allow (JDK 17-23)")
    args = ap.parse_args()
    jar = args.jar or next(iter(sorted(glob.glob(os.path.join(ROOT, "target", "sharpness-lab-*-kernel.jar")))), None)
    if not jar or not os.path.exists(jar):
        sys.exit("kernel jar not found: build it with  mvn -o -q package -DskipTests")
    jar = os.path.abspath(jar)
    tmp = tempfile.mkdtemp(prefix="kernel-bench-")
    try:
        ksm = kernelspec(tmp, jar, args.java, args.java_opt)
        print(f"kernel jar: {jar}")
        print(f"cold start to first executed cell, {args.runs} runs:")
        rows = cold_starts(ksm, args.runs)
        totals = [r[0] for r in rows]
        print(f"cold start -> first cell executed: median {statistics.median(totals):.2f} s "
              f"(min {min(totals):.2f}, max {max(totals):.2f}; goal < 3 s); "
              f"kernel_info median {statistics.median(r[1] for r in rows):.2f} s, "
              f"first cell median {statistics.median(r[2] for r in rows):.2f} s")
        if not all(r[3] for r in rows):
            print("SOME RUNS GAVE A WRONG RESULT")
            return 1
        if not args.no_checks:
            print("protocol checks:")
            protocol_checks(ksm)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
