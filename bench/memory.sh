#!/usr/bin/env bash
# Peak memory of `dragoman analyze` as the input grows: JSON Lines files of about SIZES megabytes,
# built by repeating the BBC News corpus, analysed end to end with output discarded. Flat peak RSS
# means memory does not grow with the input.
# Usage: bench/memory.sh [MB...]   (default: 10 100; `bench/memory.sh 100 1000` for the 1 GB run)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-../shared/corpus/bbc}"
BIN=target/release/dragoman
[ -x "$BIN" ] || cargo build --release
OUT=bench/out
mkdir -p "$OUT"
for mb in "${@:-10 100}"; do
  f="$OUT/bbc-$mb.jsonl"
  if [ ! -s "$f" ]; then
    python3 - "$CORPUS" "$mb" "$f" <<'PY'
import json, pathlib, sys
corpus, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(pathlib.Path(corpus).rglob("*.txt")) if p.name != "README.TXT"]
target, written, n = mb * 1_000_000, 0, 0
with open(out, "w") as f:
    while written < target:
        for t in docs:
            line = json.dumps({"id": f"r{n}", "text": t, "date": "2005-01-01"}) + "\n"
            f.write(line); written += len(line.encode()); n += 1
            if written >= target:
                break
PY
  fi
  size=$(du -m "$f" | cut -f1)
  /usr/bin/time -v "$BIN" analyze "$f" --quiet --threads "${THREADS:-2}" > /dev/null 2> "$OUT/time-$mb.txt" || true
  rss=$(grep "Maximum resident" "$OUT/time-$mb.txt" | awk '{print $NF}')
  wall=$(grep "Elapsed (wall clock)" "$OUT/time-$mb.txt" | awk '{print $NF}')
  echo "input ${size} MB: peak RSS $((rss / 1024)) MB, wall ${wall}"
done
