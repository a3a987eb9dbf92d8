"""Checks dragoman's output on the seed article (../shared/corpus/seed-article.txt, 2022-02-22)
against what a user of the field expects; run by .ci/run. Usage: seed_article.py OUTPUT.jsonl"""
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 1, "one article, one JSON object"
d = docs[0]
text = d["text"]
def walk(v):
    if isinstance(v, dict):
        if "start" in v and "end" in v and "text" in v:
            assert text[v["start"]:v["end"]] == v["text"], v
        for k, x in v.items():
            if k != "text":
                walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for key in ("sentences", "actors", "events", "quotes", "times"):
    walk(d[key])
print(f"   seed article: {len(d['sentences'])} sentences, {len(d['actors'])} actors, {len(d['events'])} events, "
      f"{len(d['quotes'])} quotes, {len(d['times'])} times; every span slices to its text")
def show(ok, what):
    print(f"   {'ok  ' if ok else 'MISS'} {what}")
    return ok
codes = {(a["text"], a["code"]) for a in d["actors"]}
times = {(t["text"], t["value"]) for t in d["times"]}
ev = d["events"]
checks = [
    show(any(a["code"] == "PAKGOV" and "Khan" in a["text"] for a in d["actors"]), "Imran Khan -> PAKGOV"),
    show(any(a["code"] == "RUSGOV" and "Putin" in a["text"] for a in d["actors"]), "Vladimir Putin -> RUSGOV"),
    show(("Wednesday", "2022-02-23") in times, "Wednesday = 2022-02-23"),
    show(("last month", "2022-01") in times, "last month = 2022-01"),
    show(any(e["cameo"] == "042" and e["source"]["code"] == "PAKGOV" and (e["target"] or {}).get("code", "").startswith("RUS")
             and e["date"] == "2022-02-23" and e["modality"] == "asserted" and not e["negated"] for e in ev),
         "visit PAKGOV -> RUS, 042, 2022-02-23"),
    show(any(e["cameo"] == "036" and e["modality"] == "intended" and "Putin" in (e["target"] or {}).get("text", "") for e in ev),
         "intent to meet Putin, 036, intended"),
    show(not any(e["cameo"].startswith("10") and not e["negated"] and e["modality"] == "asserted"
                 and e["source"]["text"] == "Russia" for e in ev), "no asserted request by Russia (it did not seek support)"),
    show(sum(1 for q in d["quotes"] if q["kind"] == "direct") >= 3, "three direct quotations found"),
    show(all((q["speaker"] or {}).get("entity") == "Jan Achakzai" for q in d["quotes"] if q["kind"] == "direct"),
         "every direct quotation attributed to Jan Achakzai"),
    show(all((q["speaker"] or {}).get("entity") == "Jan Achakzai" for q in d["quotes"]
             if (q["cue"] or {}).get("text") in ("noted", "pointed out", "According to", "asked", "wrote")),
         "reported statements (noted, pointed out, according to, asked, wrote) attributed to Jan Achakzai"),
    show(any("newspaper" in (q["speaker"] or {}).get("text", "") and q["content"]["text"].startswith("Putin")
             for q in d["quotes"]), "'The Pakistani newspaper had said …' attributed to the newspaper"),
]
sys.exit(0 if all(checks) else 1)
