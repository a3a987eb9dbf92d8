#!/usr/bin/env python3
"""Compares dragoman's PETRARCH2-compatible coding with PETRARCH2's on the same records.

usage: compare.py DRAGOMAN.json PEER.json
DRAGOMAN.json: `dragoman eval petrarch FILE --json` (its "cases"); PEER.json: code_records.py's
output for the same FILE. Prints every record whose coded triples differ, then how many differ
and how many each matches the records' expected codings exactly.
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ours = {c["id"]: c for c in json.load(open(sys.argv[1], encoding="utf-8"))["cases"]}
    peer = json.load(open(sys.argv[2], encoding="utf-8"))
    differ = peer_exact = ours_exact = compared = 0
    for r in peer:
        c = ours.get(r["id"])
        if c is None:
            print(f"{r['id']}: not coded by dragoman (a record that expects an error?)")
            continue
        compared += 1
        want = set(c["expected"])
        theirs = {f"{code} {src}>{tgt}" for src, tgt, code in r["events"]}
        got = set(c["got"])
        peer_exact += theirs == want
        ours_exact += got == want
        if got != theirs:
            differ += 1
            err = f"  (PETRARCH2: {r['error']})" if r.get("error") else ""
            print(f"{r['id']}: PETRARCH2 {sorted(theirs)}  dragoman {sorted(got)}  expected {sorted(want)}{err}")
    print(f"{compared} records compared: {differ} coded differently; exact: PETRARCH2 {peer_exact}, dragoman {ours_exact}")


if __name__ == "__main__":
    main()
