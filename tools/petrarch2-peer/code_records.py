# -*- coding: utf-8 -*-
"""Codes a PETRARCH record file with PETRARCH2 itself, as a comparison peer.

Runs under Python 2.7 (PETRARCH2 is Python 2 code) with PETRARCH2's own modules imported from
--petrarch2 (the `petrarch2/` folder of PETRARCH2's source: petrarch2.py, PETRtree.py, ...).
Each <Sentence> of the record file is one story whose tree is the record's <Parse>; it is
coded by PETRARCH2's do_coding with the dictionaries named on the command line, read from
--dicts. Writes JSON to stdout: one entry per record, in file order,
{"id", "events": [[source, target, code], ...], "error"} -- a record PETRARCH2 fails on keeps
its entry, with the error. Nothing of PETRARCH2 is part of dragoman; see README.md here.
"""
from __future__ import print_function, unicode_literals

import argparse
import io
import json
import os
import sys
import xml.etree.ElementTree as ET


class Sink(object):
    """Swallows PETRARCH2's progress chatter (it prints bytes and unicode alike)."""

    def write(self, s):
        pass

    def flush(self):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('records')
    ap.add_argument('--petrarch2', required=True, help="PETRARCH2's petrarch2/ source folder")
    ap.add_argument('--dicts', required=True, help='folder with the dictionaries')
    ap.add_argument('--verbs', default='CAMEO.2.0.txt')
    ap.add_argument('--actors', default='Phoenix.Countries.actors.txt,Phoenix.International.actors.txt,Phoenix.MilNonState.actors.txt')
    ap.add_argument('--agents', default='Phoenix.agents.txt')
    ap.add_argument('--discards', default='Phoenix.discards.txt')
    ap.add_argument('--issues', default='Phoenix.IssueCoding.txt')
    args = ap.parse_args()

    sys.path.insert(0, os.path.abspath(args.petrarch2))
    import PETRglobals  # noqa: E402  (PETRARCH2's modules)
    import PETRreader
    import petrarch2
    import utilities

    real_stdout = sys.stdout
    sys.stdout = Sink()
    try:
        PETRreader.parse_Config(os.path.join(os.path.abspath(args.petrarch2), 'data', 'config', 'PETR_config.ini'))
        d = lambda name: os.path.join(os.path.abspath(args.dicts), name)
        PETRreader.read_verb_dictionary(d(args.verbs))
        for a in args.actors.split(','):
            PETRreader.read_actor_dictionary(d(a.strip()))
        PETRreader.read_agent_dictionary(d(args.agents))
        PETRreader.read_discard_list(d(args.discards))
        if args.issues:
            PETRreader.read_issue_list(d(args.issues))
    finally:
        sys.stdout = real_stdout

    out = []
    for elem in ET.parse(args.records).getroot().iter('Sentence'):
        rid = elem.get('id')
        text = elem.find('Text')
        parse = elem.find('Parse')
        res = {'id': rid, 'events': [], 'error': ''}
        if parse is None or not (parse.text or '').strip():
            res['error'] = 'no tree'
            out.append(res)
            continue
        content = ' '.join(((text.text if text is not None else '') or '').split())
        story = {'sents': {'0': {'content': content, 'parsed': utilities._format_parsed_str(parse.text)}},
                 'meta': {'date': elem.get('date')}}
        sys.stdout = Sink()
        try:
            coded = petrarch2.do_coding({rid: story})
            sents = coded[rid]['sents']
            res['events'] = [list(e) for e in ((sents or {}).get('0', {}).get('events') or [])]
        except BaseException as e:  # PETRARCH2 may also sys.exit
            res['error'] = '%s: %s' % (type(e).__name__, e)
        finally:
            sys.stdout = real_stdout
        out.append(res)
    real_stdout.write(json.dumps(out, indent=1, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
