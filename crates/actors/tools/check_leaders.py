#!/usr/bin/env python3
"""Validate crates/actors/data/leaders/*.tsv.

Checks, per non-comment line: exactly 6 tab-separated columns; names non-empty and free of stray
whitespace; country is 3 uppercase letters; sector is GOV, OPP or MIL; role non-empty; start is a date
(YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date); end empty or a date; start <= end with
partial dates widened (start to the beginning of its period, end to the end of its period).
Also flags exact duplicate lines, repeated aliases within a line, overlapping terms for the same
person, country and role, and an alias shared by two different people of the same country.
Prints per-file line and country counts. Exit status 1 on any error.
"""
import calendar
import datetime
import pathlib
import re
import sys

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# CAMEO sector codes used by the tables: government, opposition, military (army chiefs)
SECTORS = {"GOV", "OPP", "MIL"}


def parse(s, is_end):
    m = DATE.match(s)
    if not m:
        raise ValueError(f"bad date {s!r}")
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is None:
        return datetime.date(y, 12, 31) if is_end else datetime.date(y, 1, 1)
    if d is None:
        last = calendar.monthrange(y, mo)[1]
        return datetime.date(y, mo, last) if is_end else datetime.date(y, mo, 1)
    return datetime.date(y, mo, d)


def main(argv):
    root = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "data" / "leaders"
    files = sorted(root.glob("*.tsv"))
    errors = 0
    total = 0
    # (country, alias) -> canonical names using it; an alias shared by two people in one country is
    # ambiguous for the loader, so it is reported (as an error: drop it from one of the lines)
    owners = {}
    for f in files:
        seen = set()
        terms = {}
        countries = set()
        n = 0
        for i, line in enumerate(f.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{f.name}:{i}"
            cols = line.split("\t")
            if len(cols) != 6:
                print(f"{where}: {len(cols)} columns"); errors += 1; continue
            names, country, sector, role, start, end = cols
            problems = []
            aliases = names.split(";")
            if any(not a or a != a.strip() or "  " in a for a in aliases):
                problems.append("empty or badly spaced name")
            if not re.fullmatch(r"[A-Z]{3}", country):
                problems.append(f"bad country {country!r}")
            if sector not in SECTORS:
                problems.append(f"bad sector {sector!r}")
            if not role or role != role.strip():
                problems.append("bad role")
            try:
                s = parse(start, False)
                e = parse(end, True) if end else None
                if e is not None and s > e:
                    problems.append(f"start {start} after end {end}")
                if s > datetime.date(2026, 12, 31):
                    problems.append("start in the future")
            except ValueError as ex:
                problems.append(str(ex)); s = e = None
            if len(set(aliases)) != len(aliases):
                problems.append("repeated alias")
            if line in seen:
                problems.append("duplicate line")
            seen.add(line)
            if s is not None:
                key = (aliases[0], country, sector, role)
                for (s2, e2, j) in terms.get(key, []):
                    hi1 = e or datetime.date(9999, 1, 1)
                    hi2 = e2 or datetime.date(9999, 1, 1)
                    if s < hi2 and s2 < hi1:
                        problems.append(f"overlaps line {j}")
                terms.setdefault(key, []).append((s, e, i))
            for p in problems:
                print(f"{where}: {p}"); errors += 1
            n += 1
            countries.add(country)
            for a in aliases:
                owners.setdefault((country, a.casefold()), set()).add(aliases[0])
        total += n
        print(f"{f.name}: {n} lines, {len(countries)} countries")
    for (country, alias), names in sorted(owners.items()):
        if len(names) > 1:
            print(f"{country}: alias {alias!r} used by {sorted(names)}"); errors += 1
    print(f"total: {total} lines in {len(files)} files; {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
