#!/usr/bin/env bash
# Fetches the Brown-cluster table that `dragoman train --accurate` learns from: the file
# en_lexeme_cluster.json.gz of the PyPI package spacy-lookups-data 1.0.5 (MIT License,
# ExplosionAI GmbH), into target/brown/. Training-time only: the engine never reads it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/brown
mkdir -p "$out"
if [ ! -f "$out/en_lexeme_cluster.json.gz" ]; then
    python3 -m pip download spacy-lookups-data==1.0.5 --no-deps -d "$out" --quiet
    python3 - "$out" <<'PY'
import sys, zipfile, glob, os
out = sys.argv[1]
whl = glob.glob(os.path.join(out, "spacy_lookups_data-1.0.5-*.whl"))[0]
with zipfile.ZipFile(whl) as z:
    data = z.read("spacy_lookups_data/data/en_lexeme_cluster.json.gz")
with open(os.path.join(out, "en_lexeme_cluster.json.gz"), "wb") as f:
    f.write(data)
PY
fi
# The table the committed syntax-accurate.bin was trained from.
want=0980a4bad49eaf7da2cfdf20024cd4eb8bb507bf4d26e69c561c975a50ce718c
echo "$want  $out/en_lexeme_cluster.json.gz" | sha256sum --check --quiet || {
    echo "en_lexeme_cluster.json.gz differs from the table the committed model was trained from" >&2
    exit 1
}
echo "train with: dragoman train --accurate --brown $out/en_lexeme_cluster.json.gz"
