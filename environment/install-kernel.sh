#!/usr/bin/env bash
# Installs the IJava 1.3.0 Jupyter kernel (Java via JShell) for the Jupyter on PATH, with the settings the kit needs:
# a JVM heap (-Xmx) and OMP_WAIT_POLICY=passive in kernel.json.
#   ./kit install-kernel [--zip PATH] [--heap SIZE] [--user|--sys-prefix]
set -euo pipefail

URL="https://github.com/SpencerPark/IJava/releases/download/v1.3.0/ijava-1.3.0.zip"
ZIP=""
HEAP="8g"
SCOPE="--user"
while [ $# -gt 0 ]; do
  case "$1" in
    --zip) ZIP="${2:?--zip needs a path}"; shift 2 ;;
    --heap) HEAP="${2:?--heap needs a size such as 8g}"; shift 2 ;;
    --user|--sys-prefix) SCOPE="$1"; shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "install-kernel: unknown option '$1'" >&2; sed -n '2,4p' "$0" >&2; exit 2 ;;
  esac
done
if ! [[ "$HEAP" =~ ^[0-9]+[kKmMgG]?$ ]]; then
  echo "install-kernel: --heap takes a JVM size such as 8g or 4096m, not '$HEAP'" >&2; exit 2
fi

# JDK 17 or newer, with jdk.jshell (IJava evaluates cells with JShell)
if ! command -v java >/dev/null; then echo "install-kernel: java not found; install a JDK 17+" >&2; exit 1; fi
major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${major%%.*}" -lt 17 ] 2>/dev/null; then echo "install-kernel: Java $major found, 17 or newer needed" >&2; exit 1; fi
if ! java --list-modules 2>/dev/null | grep -q '^jdk.jshell@'; then
  echo "install-kernel: this Java has no jdk.jshell module (a JRE?); install a full JDK 17+" >&2; exit 1
fi
if ! command -v jupyter >/dev/null; then
  cat >&2 <<'MSG'
install-kernel: jupyter not found on PATH. Install it first, e.g.
  Debian/Ubuntu:  sudo apt-get install jupyter-notebook jupyter-nbconvert
  pip:            python3 -m pip install --user notebook nbconvert
MSG
  exit 1
fi

# the Python that runs jupyter (IJava's install.py needs its jupyter_client)
PY=""
for cand in "$(head -1 "$(command -v jupyter)" | sed -e 's/^#! *//' -e 's/ .*//')" python3 /usr/bin/python3; do
  if [ -n "$cand" ] && "$cand" -c 'import jupyter_client' >/dev/null 2>&1; then PY="$cand"; break; fi
done
if [ -z "$PY" ]; then echo "install-kernel: no Python with jupyter_client found (the one running jupyter)" >&2; exit 1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$ZIP" ]; then
  echo "install-kernel: downloading $URL"
  if ! curl -fsSL -o "$work/ijava.zip" "$URL"; then
    echo "install-kernel: could not download IJava; download ijava-1.3.0.zip elsewhere and run: ./kit install-kernel --zip PATH" >&2
    exit 1
  fi
  ZIP="$work/ijava.zip"
fi
[ -f "$ZIP" ] || { echo "install-kernel: no such file: $ZIP" >&2; exit 1; }
"$PY" -m zipfile -e "$ZIP" "$work/ijava"
[ -f "$work/ijava/install.py" ] || { echo "install-kernel: $ZIP is not the IJava release zip (no install.py)" >&2; exit 1; }
(cd "$work/ijava" && "$PY" install.py "$SCOPE" --replace)

# Add the heap size and OMP_WAIT_POLICY to the installed kernel.json
spec="$(jupyter kernelspec list --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["kernelspecs"]["java"]["resource_dir"])')"
"$PY" - "$spec/kernel.json" "$HEAP" <<'PY'
import json, sys
path, heap = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
# ND4J's arrays live off the heap: bound the process as the runner does (NativeMemoryLimits), or a notebook that
# scores several models grows until the system kills the kernel.
units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
h = heap.lower()
heap_bytes = int(h[:-1]) * units[h[-1]] if h[-1] in units else int(h)
limits = ["-Dorg.bytedeco.javacpp.maxbytes=%d" % (heap_bytes // 2),
          "-Dorg.bytedeco.javacpp.maxphysicalbytes=%d" % (heap_bytes // 4 * 7)]
argv = [a for a in spec["argv"] if not a.startswith(("-Xmx", "-Dorg.bytedeco.javacpp.max"))]
argv[1:1] = ["-Xmx" + heap] + limits
spec["argv"] = argv
spec.setdefault("env", {})["OMP_WAIT_POLICY"] = "passive"
json.dump(spec, open(path, "w"), indent=2)
print("install-kernel: kernel 'java' installed in", path.rsplit("/", 1)[0], "with -Xmx" + heap, "(off-heap limits to match) and OMP_WAIT_POLICY=passive")
PY
