#!/usr/bin/env python3
"""Builds a PETRARCH record file (no expected codings, no trees) from plain-text files.

usage: records_from_text.py DIR [N] [DATE] > records.xml
Sentences are cut at . ! ? before a capital or quote, kept at 6 to 45 words, shuffled with a
fixed seed, and the first N (default 3000) written, dated DATE (default 20050301). Coded with
`dragoman eval petrarch records.xml --trees own --write-trees own.xml --dicts DICTS`, the trees
of dragoman's parse can then be given to PETRARCH2 (code_records.py) and compared.
"""
import html
import pathlib
import random
import re
import sys


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    date = sys.argv[3] if len(sys.argv) > 3 else "20050301"
    sents = []
    for f in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
        for para in f.read_text(encoding="utf-8", errors="replace").splitlines():
            for s in re.split(r'(?<=[.!?])\s+(?=[A-Z"])', para.strip()):
                if 6 <= len(s.split()) <= 45:
                    sents.append(s)
    random.Random(1).shuffle(sents)
    print("<Validation>\n<Sentences>")
    for i, s in enumerate(sents[:n]):
        print(f'<Sentence date="{date}" id="s{i}" category="TEXT">\n<EventCoding noevents="True"></EventCoding>\n'
              f"<Text>\n{html.escape(s, quote=False)}\n</Text>\n<Parse></Parse>\n</Sentence>")
    print("</Sentences>\n</Validation>")


if __name__ == "__main__":
    main()
