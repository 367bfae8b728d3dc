#!/usr/bin/env python3
"""Execute Jupyter notebooks with a given kernel through nbclient, the way Jupyter itself runs them.

Usage: run_notebooks.py [--kernel sharpness-java] [--timeout 900] [--out DIR] NOTEBOOK.ipynb ...

Every notebook runs top to bottom in a fresh kernel (working directory: the notebook's folder). With --out, the
executed notebook (outputs included, also when a cell failed) and an HTML rendering (nbconvert) are written to
DIR/<name>.ipynb and DIR/<name>.html. A notebook fails on the first cell that reports an error, times out
(--timeout seconds per cell) or kills the kernel; the message names the notebook, the cell index and the
error. Exit status: 0 if every notebook ran without error, 1 otherwise, 2 on bad usage.
"""
import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import os
import time
from pathlib import Path

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
except ImportError as e:  # pragma: no cover - depends on the environment
    print(f"run_notebooks.py: {e}. Install Jupyter's runner first: pip install nbclient nbconvert "
          f"(kernel-install/install.sh does this in .venv/).", file=sys.stderr)
    sys.exit(2)

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ROOT = Path(__file__).resolve().parent.parent
MATHJAX_VERSION = "3.2.2"
MATHJAX_CACHE = ROOT / ".venv" / "share" / f"mathjax-{MATHJAX_VERSION}" / "tex-svg-full.js"
SENTINEL = "sharpness-lab-offline-mathjax"
REQUIRE_JS = re.compile(r'<script src="https://[^"]*/require(\.min)?\.js"></script>')
MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MATHJAX_CONFIG = ("window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], "
                  "displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true}, "
                  "svg: {fontCache: 'global'}};")


def offline_mathjax():
    """MathJax 3 (tex-svg-full.js: TeX input, SVG output, no fonts or other files to load) from the npm package
    mathjax, fetched once with `npm pack` and kept in .venv/share; None when npm cannot get it."""
    if MATHJAX_CACHE.is_file():
        return MATHJAX_CACHE.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--silent", "--pack-destination", tmp],
                           check=True, capture_output=True, timeout=300)
            tgz = next(Path(tmp).glob("mathjax-*.tgz"))
            with tarfile.open(tgz) as t:
                data = t.extractfile("package/es5/tex-svg-full.js").read()
        MATHJAX_CACHE.parent.mkdir(parents=True, exist_ok=True)
        MATHJAX_CACHE.write_bytes(data)
        return data.decode("utf-8")
    except (OSError, subprocess.SubprocessError, StopIteration, KeyError) as e:
        print(f"  (MathJax for offline HTML not available: {type(e).__name__}: {e})", file=sys.stderr)
        return None


def notebook_html(nb):
    """The notebook as one self-contained HTML file: images inline (nbconvert does that) and MathJax 3 inlined in
    place of nbconvert's MathJax 2 from a CDN, so the maths renders offline. Without npm the CDN stays."""
    from nbconvert import HTMLExporter
    js = offline_mathjax()
    if js is None:
        html, _ = HTMLExporter().from_notebook_node(nb)
        return html
    html, _ = HTMLExporter(mathjax_url=SENTINEL).from_notebook_node(nb)
    inline = ("<script>" + MATHJAX_CONFIG + "</script>\n<script>" + js.replace("</script", "<\\/script")
              + "</script>")
    html = REQUIRE_JS.sub("", html)  # for widgets, which these notebooks do not have
    html, n = MATHJAX_BLOCK.subn(lambda _: inline, html, count=1)
    if n != 1:
        html = html.replace(f'<script src="{SENTINEL}"> </script>', inline)
    return html


def first_error(nb):
    """(cell index, error output) of the first cell with an error output, or (None, None)."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return index, out
    return None, None


def source_head(cell, lines=6):
    src = cell.get("source", "")
    src = "".join(src) if isinstance(src, list) else src
    head = src.splitlines()[:lines]
    return "\n".join("    | " + line for line in head)


TIMES = {}   # notebook name -> seconds it ran (for the summary: the README's table of times comes from it)
SLOW = 60    # seconds from which a notebook is named slow in the summary


def summary(times):
    """One line per notebook, slowest first, with the machine's cores and load (times mean little on a busy one)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [f"times on {os.cpu_count()} cores (load average {load:.1f} at the end), slowest first:"]
    for name, secs in sorted(times.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {secs:7.1f} s  {name}" + ("  (slow)" if secs >= SLOW else ""))
    lines.append(f"  {sum(times.values()):7.1f} s  in all")
    return "\n".join(lines)


def run_one(path, kernel, timeout, startup_timeout, out_dir):
    nb = nbformat.read(str(path), as_version=4)
    running = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        running["index"] = cell_index

    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, startup_timeout=startup_timeout,
                            allow_errors=False, record_timing=True,
                            resources={"metadata": {"path": str(path.parent.resolve())}},
                            on_cell_start=on_cell_start)
    started = time.monotonic()
    problem = None
    try:
        client.execute()
    except CellExecutionError as e:
        index, err = first_error(nb)
        index = index if index is not None else running["index"]
        if err is not None:
            trace = ANSI.sub("", "\n".join(err.get("traceback", [])))
            problem = (index, f"{err.get('ename', 'Error')}: {err.get('evalue', '')}", trace)
        else:
            problem = (index, "cell error", ANSI.sub("", str(e)))
    except CellTimeoutError as e:
        problem = (running["index"], f"timed out after {timeout} s", str(e).splitlines()[0] if str(e) else "")
    except DeadKernelError as e:
        problem = (running["index"], "the kernel died", str(e))
    except Exception as e:  # kernel could not start, no such kernelspec, ...
        problem = (running["index"], f"{type(e).__name__}: {e}", "")
    seconds = time.monotonic() - started
    TIMES[path.name] = seconds

    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / path.name
        nbformat.write(nb, str(target))
        try:
            target.with_suffix(".html").write_text(notebook_html(nb), encoding="utf-8")
        except Exception as e:  # the HTML is a convenience: report, do not fail the run for it
            print(f"  (no HTML for {path.name}: {type(e).__name__}: {e})", file=sys.stderr)

    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    if problem is None:
        print(f"OK      {path.name}: {code_cells} code cells in {seconds:.1f} s", flush=True)
        return True
    index, summary, detail = problem
    where = f"cell {index}" if index is not None else "before the first cell"
    print(f"FAILED  {path.name}, {where}: {summary}", flush=True)
    if index is not None and index < len(nb.cells):
        print(source_head(nb.cells[index]))
    if detail:
        print("\n".join("    " + line for line in detail.splitlines()[:40]))
    return False


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="+", type=Path)
    p.add_argument("--kernel", default="sharpness-java", help="kernelspec name (default sharpness-java)")
    p.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    p.add_argument("--startup-timeout", type=int, default=120, help="seconds for the kernel to start")
    p.add_argument("--out", type=Path, default=None, help="write executed .ipynb and .html here")
    args = p.parse_args(argv)
    failed = []
    for nb in args.notebooks:
        if not nb.is_file():
            print(f"FAILED  {nb}: no such notebook", flush=True)
            failed.append(nb.name)
            continue
        if not run_one(nb, args.kernel, args.timeout, args.startup_timeout, args.out):
            failed.append(nb.name)
    total = len(args.notebooks)
    if TIMES:
        print(summary(TIMES), flush=True)
    print(f"{total - len(failed)}/{total} notebooks ran without error"
          + (f"; failed: {', '.join(failed)}" if failed else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
