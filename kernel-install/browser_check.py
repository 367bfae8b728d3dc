#!/usr/bin/env python3
"""A real browser on the notebook platform: starts JupyterLab (this Python's, on localhost with a token) on a copy
of notebooks/00-tour.ipynb, drives headless Chromium (Debian's /usr/bin/chromium through Playwright; no browser
download) to run all cells, and checks that

  1. every cell ran (an execution count on each code cell) and none shows an error,
  2. the tables are rendered in the page (HTML <table> in the outputs) and so are the images (<img> decoded
     with a width), maths included (MathJax output in the markdown),
  3. the toolbar's interrupt button (■) stops a running `while (true) {}` cell, and the kernel then evaluates
     the next cell.

A screenshot of the executed notebook goes to --out (target/browser/00-tour.png).

Usage: browser_check.py [--kernel sharpness-java] [--out target/browser] [--timeout 900]
Needs: the kernelspec installed (JUPYTER_PATH for a --prefix install), chromium, playwright
(kernel-install/browser_setup.sh installs both). Exit status 0 when all checks pass.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"JupyterLab did not answer {url} within {timeout} s")


def api(base, token, path, method="GET"):
    req = urllib.request.Request(f"{base}{path}?token={token}", method=method)
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
        return json.loads(body) if body else None


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", default="sharpness-java")
    p.add_argument("--notebook", default=str(ROOT / "notebooks" / "00-tour.ipynb"))
    p.add_argument("--out", default=str(ROOT / "target" / "browser"))
    p.add_argument("--timeout", type=float, default=900, help="seconds for running all cells")
    p.add_argument("--interrupt-limit", type=float, default=15, help="seconds for ■ to stop the busy cell")
    args = p.parse_args(argv)

    from playwright.sync_api import sync_playwright  # after --help works without it

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sharpness-browser-"))
    nb_name = Path(args.notebook).name
    shutil.copy(args.notebook, work / nb_name)      # Lab autosaves: never the repository's file
    nb = json.loads((work / nb_name).read_text())
    nb["metadata"]["kernelspec"]["name"] = args.kernel
    (work / nb_name).write_text(json.dumps(nb))
    profile = Path(tempfile.mkdtemp(prefix="sharpness-browser-profile-"))  # a fresh --user-data-dir
    token = os.urandom(16).hex()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(out / "jupyterlab.log", "w")
    lab = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
                            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
                            "--LabApp.expose_app_in_browser=True", "--ServerApp.disable_check_xsrf=False"],
                           stdout=log, stderr=subprocess.STDOUT, cwd=work)
    failures = []

    def check(name, fn):
        t0 = time.monotonic()
        try:
            detail = fn()
            print(f"ok    {name} ({time.monotonic() - t0:.1f} s){': ' + detail if detail else ''}", flush=True)
            return True
        except Exception as e:
            failures.append(name)
            print(f"FAIL  {name} ({time.monotonic() - t0:.1f} s): {type(e).__name__}: {e}", flush=True)
            return False

    try:
        for _ in range(240):
            if lab.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {lab.returncode}; see {out / 'jupyterlab.log'}")
            try:
                wait_for_server(f"{base}/api/status?token={token}", 0.5)
                break
            except TimeoutError:
                time.sleep(0.5)
        else:
            raise TimeoutError("JupyterLab did not answer within 120 s")
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                        args=FLAGS, viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            state = {}

            def open_notebook():
                page.goto(f"{base}/lab/tree/{nb_name}?token={token}")
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
                page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext"
                                       " && window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=120_000)
                name = page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name")
                assert name == args.kernel, f"the notebook runs kernel {name!r}"
                return f"kernel {name}"

            def run_all():
                t0 = time.monotonic()
                page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
                page.wait_for_function("""() => {
                    const cells = [...document.querySelectorAll('.jp-CodeCell')];
                    return cells.length > 0 && cells.every(c => {
                        const p = c.querySelector('.jp-InputArea-prompt');
                        return p && /\\[\\d+\\]/.test(p.textContent);
                    });
                }""", timeout=args.timeout * 1000, polling=500)
                state["ran"] = time.monotonic() - t0
                errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").count()
                assert errors == 0, f"{errors} cell(s) show an error"
                cells = page.locator(".jp-CodeCell").count()
                return f"{cells} code cells in {state['ran']:.1f} s"

            def tables_and_images():
                tables = page.locator(".jp-OutputArea-output table").count()
                widths = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
                    .map(i => i.complete ? i.naturalWidth : 0)""")
                maths = page.locator(".jp-MarkdownOutput mjx-container, .jp-MarkdownOutput .MathJax").count()
                assert tables >= 2, f"{tables} rendered table(s)"
                assert widths and all(w > 0 for w in widths), f"images not decoded: widths {widths}"
                assert maths > 0, "no typeset maths in the markdown cells"
                page.screenshot(path=str(out / "00-tour.png"), full_page=True)
                return f"{tables} tables, {len(widths)} images (widths {widths}), {maths} formulas; " \
                       f"screenshot {out / '00-tour.png'}"

            def add_cell_and_run(source):
                """Appends a code cell with source and runs it (commands not awaited: a busy cell never ends)."""
                before = page.locator(".jp-CodeCell").count()
                page.evaluate("""() => {
                    const nb = window.jupyterapp.shell.currentWidget.content;
                    nb.activeCellIndex = nb.widgets.length - 1;
                    window.jupyterapp.commands.execute('notebook:insert-cell-below');
                    return true;
                }""")
                page.wait_for_function(f"() => document.querySelectorAll('.jp-CodeCell').length > {before}")
                page.evaluate("""(source) => {
                    const nb = window.jupyterapp.shell.currentWidget.content;
                    nb.activeCell.model.sharedModel.setSource(source);
                    window.jupyterapp.commands.execute('notebook:run-cell');
                    return true;
                }""", source)
                return page.locator(".jp-CodeCell").nth(before)

            def interrupt_button():
                # an AtomicLong: a plain int field may live in a register of the JIT-compiled loop and read 0 after the stop
                busy = add_cell_and_run("var spins = new java.util.concurrent.atomic.AtomicLong();\n"
                                        "while (true) { spins.incrementAndGet(); }")
                busy.locator(".jp-InputArea-prompt", has_text="[*]").wait_for(timeout=30_000)
                time.sleep(2.0)
                assert "[*]" in busy.locator(".jp-InputArea-prompt").inner_text(), "the busy cell is not running"
                button = page.locator(".jp-NotebookPanel-toolbar [data-jp-item-name='interrupt']")
                t0 = time.monotonic()
                button.click()
                busy.locator(".jp-InputArea-prompt").filter(has_text=re.compile(r"\[\d+\]")).wait_for(
                    timeout=args.interrupt_limit * 1000)
                stopped = time.monotonic() - t0
                text = busy.locator(".jp-OutputArea").inner_text()
                assert "Interrupted" in text, f"the stopped cell shows {text!r}"
                after = add_cell_and_run("spins.get() > 0")
                after.locator(".jp-OutputArea-output", has_text="true").wait_for(timeout=30_000)
                page.screenshot(path=str(out / "00-tour-interrupted.png"))
                return f"■ stopped the loop in {stopped:.2f} s; the next cell evaluated spins.get() > 0 = true"

            def offline_html():
                sys.path.insert(0, str(Path(__file__).resolve().parent))
                import nbformat
                import run_notebooks
                html_file = out / "00-tour-offline.html"
                html_file.write_text(run_notebooks.notebook_html(nbformat.read(args.notebook, as_version=4)),
                                     encoding="utf-8")
                requests = []
                offline = ctx.new_page()
                offline.route("**/*", lambda route: (requests.append(route.request.url), route.abort())
                              if not route.request.url.startswith(("file:", "data:")) else route.continue_())
                offline.goto(html_file.as_uri())
                offline.wait_for_function("() => document.querySelectorAll('mjx-container svg').length > 0",
                                          timeout=60_000)
                n = offline.locator("mjx-container").count()
                offline.screenshot(path=str(out / "00-tour-offline.png"))
                offline.close()
                assert not requests, f"the HTML asked the network for {requests}"
                return f"{n} formulas typeset as SVG with the network blocked, no outside request"

            check("the notebook's HTML renders its maths offline", offline_html)
            if check("JupyterLab opens 00-tour.ipynb with the kernel", open_notebook):
                check("Run All: every cell ran without an error", run_all)
                check("tables, images and maths are rendered in the page", tables_and_images)
                check("the toolbar's ■ stops a running while (true) {} cell", interrupt_button)
            ctx.close()
    finally:
        try:
            for kernel in api(base, token, "/api/kernels") or []:
                api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")
        except Exception as e:  # the server may already be gone
            print(f"note: could not shut the kernels down through the server: {e}", flush=True)
        lab.terminate()
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            lab.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)
    if failures:
        print(f"{len(failures)} browser check(s) failed: {', '.join(failures)} (JupyterLab log: {out / 'jupyterlab.log'})",
              flush=True)
        return 1
    print("all browser checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
