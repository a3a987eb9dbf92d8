//! Integration tests of the store: ingest (idempotence, replacement, bad records, crash safety),
//! deduplication, queries (including hostile text), the claim check, and every export read back.
//!
//! Fixtures are contract objects built by hand from short texts: offsets are computed by finding
//! the words in the text, so each fixture is a valid `analyze` line with events in it.

use dragoman_store::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Fixtures

/// A scratch directory removed at drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let p = std::env::temp_dir().join(format!("dragoman-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("scratch dir");
        Scratch(p)
    }
    fn db(&self) -> PathBuf {
        self.0.join("store.db")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Character offsets of the first occurrence of `word` in `text` at or after char `from`.
fn find(text: &str, word: &str) -> (usize, usize) {
    let b = text.find(word).unwrap_or_else(|| panic!("fixture: {word:?} not in {text:?}"));
    let s = text[..b].chars().count();
    (s, s + word.chars().count())
}

fn sp(text: &str, word: &str) -> Value {
    let (s, e) = find(text, word);
    json!({"start": s, "end": e, "text": word})
}

fn actor(text: &str, word: &str, code: Option<&str>) -> Value {
    let mut v = sp(text, word);
    v["code"] = json!(code);
    v
}

/// One event of a fixture: `(source word, source code)`, target, trigger word, CAMEO, modality,
/// negated, date.
struct Ev<'a> {
    src: (&'a str, &'a str),
    tgt: Option<(&'a str, &'a str)>,
    trigger: &'a str,
    cameo: &'a str,
    modality: &'a str,
    negated: bool,
    date: Option<&'a str>,
}

fn ev<'a>(src: (&'a str, &'a str), tgt: (&'a str, &'a str), trigger: &'a str, cameo: &'a str, date: &'a str) -> Ev<'a> {
    Ev { src, tgt: Some(tgt), trigger, cameo, modality: "asserted", negated: false, date: Some(date) }
}

/// Sentence spans: the text split after each ". ".
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        if chars[i] == '.' && chars.get(i + 1) == Some(&' ') {
            out.push((start, i + 1));
            start = i + 2;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

fn article(id: &str, source: Option<&str>, url: Option<&str>, date: &str, text: &str, events: &[Ev]) -> Value {
    let sents = sentences(text);
    let mut actors = Vec::new();
    let evs: Vec<Value> = events
        .iter()
        .map(|e| {
            let (ts, _) = find(text, e.trigger);
            let sentence = sents.iter().position(|&(s, t)| s <= ts && ts < t).expect("trigger in a sentence");
            for (w, code) in std::iter::once(e.src).chain(e.tgt) {
                let mut a = actor(text, w, Some(code));
                a["kind"] = json!("person");
                a["country"] = json!(&code[..3]);
                a["sector"] = json!(code.get(3..6));
                a["entity"] = json!(format!("Entity {w}"));
                a["entry"] = json!(format!("kb:{w}"));
                if !actors.contains(&a) {
                    actors.push(a);
                }
            }
            json!({
                "cameo": e.cameo, "plover": "CONSULT", "mode": "visit",
                "source": actor(text, e.src.0, Some(e.src.1)),
                "target": e.tgt.map(|(w, c)| actor(text, w, Some(c))),
                "negated": e.negated, "modality": e.modality,
                "date": e.date, "date_source": if e.date == Some(date) { "article" } else { "timex" },
                "location": null, "sentence": sentence,
                "trigger": sp(text, e.trigger),
                "rule": format!("test.{}", e.cameo), "quad_class": 1, "goldstein": 1.899999976158142, "quote": null,
            })
        })
        .collect();
    json!({
        "id": id, "title": text.split(". ").next(), "url": url, "source": source, "date": date, "text": text,
        "sentences": sents.iter().map(|(s, e)| json!({"start": s, "end": e})).collect::<Vec<_>>(),
        "actors": actors, "events": evs, "quotes": [], "times": [], "errors": [],
    })
}

/// Three outlets reporting Khan's visit to Moscow on 2022-02-23 (one of them twice in one
/// article), an earlier visit in 1999, a denial, a plan, a visit elsewhere, and a non-ASCII text.
fn corpus() -> Vec<Value> {
    let mut quote_article = article(
        "dawn-2",
        Some("Dawn"),
        Some("https://www.dawn.com/news/2"),
        "2022-02-24",
        "“We are here,” Khan said in Moscow. Erdoğan did not visit Moscow.",
        &[Ev {
            src: ("Erdoğan", "TURGOV"),
            tgt: Some(("Moscow", "RUS")),
            trigger: "visit",
            cameo: "042",
            modality: "asserted",
            negated: true,
            date: Some("2022-02-24"),
        }],
    );
    let t = quote_article["text"].as_str().unwrap_or_default().to_string();
    quote_article["quotes"] = json!([{
        "kind": "direct", "content": sp(&t, "We are here,"), "cue": sp(&t, "said"),
        "speaker": {"start": find(&t, "Khan").0, "end": find(&t, "Khan").1, "text": "Khan", "entity": "Imran Khan", "code": "PAKGOV"},
        "rule": "quote.direct",
    }]);
    quote_article["times"] = json!([]);
    quote_article["errors"] = json!([{"stage": "actors", "message": "unknown title"}]);
    quote_article["future_field"] = json!({"kept": true});
    vec![
        article(
            "dawn-1",
            Some("Dawn"),
            Some("https://www.dawn.com/news/1"),
            "2022-02-23",
            "Khan arrived in Moscow. Khan met Putin.",
            &[ev(("Khan", "PAKGOV"), ("Moscow", "RUS"), "arrived", "042", "2022-02-23"),
              ev(("Khan", "PAKGOV"), ("Putin", "RUSGOV"), "met", "040", "2022-02-23")],
        ),
        article(
            "bbc-1",
            Some("BBC"),
            Some("https://www.bbc.co.uk/news/1"),
            "2022-02-23",
            "Pakistan's Khan landed in Moscow. Later, Khan visited Moscow.",
            &[ev(("Khan", "PAKGOV"), ("Moscow", "RUS"), "landed", "042", "2022-02-23"),
              ev(("Khan", "PAKGOV"), ("Moscow", "RUS"), "visited", "042", "2022-02-23")],
        ),
        article(
            "reuters-1",
            None,
            Some("https://www.reuters.com/world/1"),
            "2022-02-23",
            "Khan visited Moscow, 100% of officials said.",
            &[ev(("Khan", "PAKGOV"), ("Moscow", "RUS"), "visited", "042", "2022-02-23")],
        ),
        article(
            "archive-1999",
            Some("Dawn"),
            Some("https://www.dawn.com/archive/1999"),
            "1999-04-30",
            "Sharif visited Moscow.",
            &[ev(("Sharif", "PAKGOV"), ("Moscow", "RUS"), "visited", "042", "1999-04-27")],
        ),
        article(
            "plan-2021",
            Some("Dawn"),
            None,
            "2021-01-10",
            "Khan will visit Moscow.",
            &[Ev {
                src: ("Khan", "PAKGOV"),
                tgt: Some(("Moscow", "RUS")),
                trigger: "visit",
                cameo: "042",
                modality: "intended",
                negated: false,
                date: Some("2021-01-10"),
            }],
        ),
        article(
            "beijing-2022",
            Some("BBC"),
            None,
            "2022-02-05",
            "Khan visited Beijing.",
            &[ev(("Khan", "PAKGOV"), ("Beijing", "CHN"), "visited", "042", "2022-02-05")],
        ),
        quote_article,
    ]
}

fn seeded(name: &str) -> (Scratch, Store) {
    let dir = Scratch::new(name);
    let mut store = Store::open(&dir.db()).expect("open");
    let rep = store.ingest_json(&corpus()).expect("ingest");
    assert_eq!(rep.failed, 0, "{rep:?}");
    (dir, store)
}

// ---------------------------------------------------------------------------------------------
// Ingest

#[test]
fn ingest_twice_gives_the_same_row_counts() {
    let (dir, mut store) = seeded("twice");
    let once = store.counts().expect("counts");
    assert_eq!((once.articles, once.events, once.quotes, once.errors), (7, 9, 1, 1));
    let again = store.ingest_json(&corpus()).expect("ingest again");
    assert_eq!((again.inserted, again.replaced, again.unchanged, again.events), (0, 0, 7, 0));
    assert_eq!(store.counts().expect("counts"), once);
    // And across a reopen: the schema is not re-created, nothing is duplicated.
    drop(store);
    let mut store = Store::open(&dir.db()).expect("reopen");
    store.ingest_json(&corpus()).expect("ingest a third time");
    assert_eq!(store.counts().expect("counts"), once);
    assert!(store.check_integrity().expect("integrity"));
}

#[test]
fn a_new_analysis_of_an_article_replaces_its_layers() {
    let (_dir, mut store) = seeded("replace");
    let before = store.counts().expect("counts");
    let mut changed = corpus()[0].clone();
    // A later pipeline finds only one of the two events.
    if let Some(evs) = changed["events"].as_array_mut() {
        evs.truncate(1);
    }
    let rep = store.ingest_json(&[changed]).expect("ingest");
    assert_eq!((rep.replaced, rep.inserted, rep.events), (1, 0, 1));
    let after = store.counts().expect("counts");
    assert_eq!(after.articles, before.articles);
    assert_eq!(after.events, before.events - 1);
    assert!(store.check_integrity().expect("integrity"));
}

#[test]
fn invalid_records_are_filed_and_counted_not_fatal() {
    let dir = Scratch::new("invalid");
    let mut store = Store::open(&dir.db()).expect("open");
    let good = corpus()[0].clone();
    let cases: &[(Value, &str, &str)] = &[
        (json!({"id": "no-text"}), "no-text", "no `text`"),
        (json!("just a string"), "batch record 2", "record is not an object"),
        (json!({"id": "bad-events", "text": "x", "events": [{"cameo": 42}]}), "bad-events", "events[0]: `cameo` is not a string"),
        (json!({"id": "bad-offset", "text": "x", "actors": [{"start": "zero"}]}), "bad-offset", "actors[0]: `start` is not an integer"),
    ];
    let batch: Vec<Value> = cases.iter().map(|(v, _, _)| v.clone()).chain([good]).collect();
    let rep = store.ingest_json(&batch).expect("ingest");
    assert_eq!((rep.inserted, rep.failed), (1, 4));
    let c = store.counts().expect("counts");
    assert_eq!((c.articles, c.events, c.errors), (1, 2, 4));
    // Running the job again records nothing twice.
    store.ingest_json(&batch).expect("ingest again");
    assert_eq!(store.counts().expect("counts").errors, 4);
    let exported = export_string(&store, ExportFormat::Jsonl);
    assert_eq!(exported.lines().count(), 1);
    for (_, location, message) in cases {
        let db = rusqlite_errors(&dir.db());
        assert!(db.iter().any(|(l, m)| l == location && m == message), "missing ({location}, {message}) in {db:?}");
    }
}

/// `(location, message)` of every error row, read with a second connection.
fn rusqlite_errors(db: &Path) -> Vec<(String, String)> {
    let store = Store::open_read_only(db).expect("read-only");
    store.errors().expect("errors").into_iter().map(|e| (e.location, e.message)).collect()
}

#[test]
fn jsonl_stream_files_bad_lines_with_their_line_numbers() {
    let dir = Scratch::new("jsonl-stream");
    let mut store = Store::open(&dir.db()).expect("open");
    let c = corpus();
    let input = format!("{}\n\n{{not json\n{}\n{}\n", c[0], json!({"id": "x"}), c[1]);
    for _ in 0..2 {
        let rep = store.ingest_jsonl(&mut input.as_bytes(), "feed.jsonl", 2).expect("ingest");
        assert_eq!(rep.failed, 2, "{rep:?}");
    }
    assert_eq!(store.counts().expect("counts").articles, 2);
    let errors = rusqlite_errors(&dir.db());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].0 == "feed.jsonl:3" && errors[0].1.starts_with("malformed JSON"), "{errors:?}");
    assert_eq!(errors[1], ("x".to_string(), "no `text`".to_string()));
}

#[test]
fn record_error_is_idempotent() {
    let dir = Scratch::new("record-error");
    let mut store = Store::open(&dir.db()).expect("open");
    for _ in 0..3 {
        store.record_error("feed.jsonl:7", "read", "malformed JSON").expect("record");
    }
    store.record_error("feed.jsonl:8", "read", "missing text").expect("record");
    assert_eq!(store.counts().expect("counts").errors, 2);
}

/// An analysis with every layer filled by hand (the pipeline may not fill them all yet), over a
/// text with multi-byte characters so byte and character offsets differ.
fn full_analysis() -> dragoman_pipeline::Analysis {
    use dragoman_doc::*;
    let meta = Meta {
        id: "doc-1".into(),
        title: Some("Talks".into()),
        url: Some("https://example.org/talks".into()),
        source: Some("Example".into()),
        date: Some("2022-02-22".into()),
    };
    let text = "Erdoğan met Putin in Moscow on Tuesday. “Good talks,” Erdoğan said — café.";
    let mut a = dragoman_pipeline::Analysis { doc: Document::with_meta(text, meta), ..Default::default() };
    let at = |w: &str| -> Span {
        let b = text.find(w).expect("fixture word");
        Span::new(b, b + w.len())
    };
    // Two sentences, split by hand: this test is about the store, not the segmenter.
    let second = text.find('“').expect("second sentence");
    a.doc.sentences = vec![
        Sentence { span: Span::new(0, second - 1), tokens: 0..0, starts_paragraph: true },
        Sentence { span: Span::new(second, text.len()), tokens: 0..0, starts_paragraph: false },
    ];
    a.times = vec![Timex { span: at("Tuesday"), kind: TimexType::Date, value: "2022-02-22".into(), rule: "weekday".into() }];
    a.actors = vec![
        ActorMention { span: at("Erdoğan"), kind: ActorKind::Person, code: Some("TURGOV".into()), country: Some("TUR".into()),
            sector: Some("GOV".into()), entity: Some("Recep Tayyip Erdoğan".into()), entry: Some("kb:erdogan".into()), entity_id: None, role: None, rule: None },
        ActorMention { span: at("Moscow"), kind: ActorKind::City, code: Some("RUS".into()), country: Some("RUS".into()),
            sector: None, entity: Some("Moscow".into()), entry: None, entity_id: None, role: None, rule: None },
    ];
    a.events = vec![Event {
        cameo: "040".into(), plover: Some("CONSULT".into()), mode: None,
        source: EventActor { span: at("Erdoğan"), code: Some("TURGOV".into()) },
        target: Some(EventActor { span: at("Putin"), code: Some("RUSGOV".into()) }),
        negated: false, modality: Modality::Intended, date: Some("2022-02-22".into()), date_source: Some("timex".into()),
        location: Some(EventActor { span: at("Moscow"), code: Some("RUS".into()) }),
        sentence: 0, trigger: at("met"), rule: "consult.meet".into(), quad_class: 1, goldstein: 1.9, quote: Some(0),
    }];
    a.quotes = vec![Quote {
        kind: QuoteKind::Direct, content: at("Good talks,"), cue: Some(at("said")),
        speaker: Some(Speaker { span: Span::new(text.rfind("Erdoğan").expect("second"), text.rfind("Erdoğan").expect("second") + "Erdoğan".len()), entity: None, code: Some("TURGOV".into()) }),
        rule: "quote.direct".into(),
    }];
    a.doc.errors.push(StageError { stage: "actors".into(), message: "unknown title".into() });
    a
}

#[test]
fn ingest_from_an_analysis_matches_its_json_contract() {
    let a = full_analysis();
    let contract = dragoman_pipeline::output::to_json(&a);
    let mut store = Store::open_in_memory().expect("open");
    let rep = store.ingest(&[&a]).expect("ingest");
    assert_eq!((rep.inserted, rep.actors, rep.events, rep.quotes, rep.times), (1, 2, 1, 1, 1));
    let exported: Value = serde_json::from_str(export_string(&store, ExportFormat::Jsonl).trim()).expect("json");
    assert_eq!(exported, contract);
    // The two ingest paths hash alike: the JSON of the same analysis is a no-op, and so is the
    // analysis again.
    assert_eq!(store.ingest_json(std::slice::from_ref(&contract)).expect("json path").unchanged, 1);
    assert_eq!(store.ingest(&[&a]).expect("again").unchanged, 1);
    // Evidence text is the character slice of the sentence.
    let e = &store.query_events(&EventQuery::default()).expect("events")[0];
    assert_eq!(e.sentence_text.as_deref(), Some("Erdoğan met Putin in Moscow on Tuesday."));
    assert_eq!((e.trigger_start, e.trigger_end), (Some(8), Some(11)));
}

// ---------------------------------------------------------------------------------------------
// Deduplication

#[test]
fn one_event_reported_by_many_outlets_is_one_group() {
    let (_dir, store) = seeded("dedup");
    let visits = store
        .query_events(&EventQuery {
            source: Some("PAKGOV".into()),
            target: Some("RUS".into()),
            cameo: Some("042".into()),
            since: Some("2022-02-23".into()),
            until: Some("2022-02-23".into()),
            ..Default::default()
        })
        .expect("query");
    // dawn-1, bbc-1 (twice), reuters-1: four mentions, three articles, three outlets
    // (Dawn, BBC, and reuters.com from the URL).
    assert_eq!(visits.len(), 4);
    let g = visits[0].group_id;
    for v in &visits {
        assert_eq!(v.group_id, g);
        assert_eq!((v.num_mentions, v.num_articles, v.num_sources), (4, 3, 3), "{}", v.article_id);
    }
    let outlets: Vec<&str> = visits.iter().map(|v| v.outlet.as_str()).collect();
    assert_eq!(outlets, ["dawn", "bbc", "bbc", "reuters.com"]);
    let dedup = store
        .query_events(&EventQuery { source: Some("PAK".into()), cameo: Some("042".into()), dedup: true, ..Default::default() })
        .expect("query");
    // 1999 visit, 2021 plan (not a fact: its own group), Beijing, Moscow 2022.
    let keys: Vec<(Option<&str>, Option<&str>, i64)> =
        dedup.iter().map(|r| (r.date.as_deref(), r.target_code.as_deref(), r.num_mentions)).collect();
    assert_eq!(
        keys,
        [(Some("1999-04-27"), Some("RUS"), 1), (Some("2021-01-10"), Some("RUS"), 1), (Some("2022-02-05"), Some("CHN"), 1), (Some("2022-02-23"), Some("RUS"), 4)]
    );
}

#[test]
fn a_denial_is_not_a_mention_of_the_event() {
    let mut store = Store::open_in_memory().expect("open");
    let t1 = "Erdoğan visited Moscow.";
    let t2 = "Erdoğan did not visit Moscow.";
    let asserted = article("a", Some("A"), None, "2022-02-24", t1, &[ev(("Erdoğan", "TURGOV"), ("Moscow", "RUS"), "visited", "042", "2022-02-24")]);
    let denied = article("b", Some("B"), None, "2022-02-24", t2, &[Ev {
        src: ("Erdoğan", "TURGOV"), tgt: Some(("Moscow", "RUS")), trigger: "visit", cameo: "042",
        modality: "asserted", negated: true, date: Some("2022-02-24"),
    }]);
    store.ingest_json(&[asserted, denied]).expect("ingest");
    let rows = store.query_events(&EventQuery { source: Some("TUR".into()), ..Default::default() }).expect("query");
    assert_eq!(rows.len(), 2);
    assert_ne!(rows[0].group_id, rows[1].group_id);
    assert!(rows.iter().all(|r| r.num_mentions == 1));
    let facts = store.query_events(&EventQuery { source: Some("TUR".into()), facts_only: true, ..Default::default() }).expect("query");
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].article_id, "a");
}

// ---------------------------------------------------------------------------------------------
// Queries

#[test]
fn event_filters() {
    let (_dir, store) = seeded("filters");
    let ids = |q: EventQuery| -> Vec<String> {
        store.query_events(&q).expect("query").into_iter().map(|r| format!("{}#{}", r.article_id, r.trigger_text.unwrap_or_default())).collect()
    };
    let cases: Vec<(&str, EventQuery, Vec<&str>)> = vec![
        ("target prefix", EventQuery { target: Some("RUSGOV".into()), ..Default::default() }, vec!["dawn-1#met"]),
        ("cameo prefix", EventQuery { cameo: Some("040".into()), ..Default::default() }, vec!["dawn-1#met"]),
        ("source code", EventQuery { source: Some("TURGOV".into()), ..Default::default() }, vec!["dawn-2#visit"]),
        ("facts drop denial and plan", EventQuery { target: Some("RUS".into()), facts_only: true, until: Some("2022-12-31".into()), since: Some("2021-01-01".into()), ..Default::default() },
            vec!["dawn-1#arrived", "dawn-1#met", "bbc-1#landed", "bbc-1#visited", "reuters-1#visited"]),
        ("until", EventQuery { until: Some("2021-12-31".into()), ..Default::default() }, vec!["archive-1999#visited", "plan-2021#visit"]),
        ("text, any case", EventQuery { text: Some("LATER, KHAN".into()), ..Default::default() }, vec!["bbc-1#visited"]),
        ("non-ASCII text", EventQuery { text: Some("Erdoğan".into()), ..Default::default() }, vec!["dawn-2#visit"]),
        ("plover any case", EventQuery { plover: Some("consult".into()), limit: Some(2), ..Default::default() }, vec!["archive-1999#visited", "plan-2021#visit"]),
        ("limit", EventQuery { target: Some("CHN".into()), limit: Some(5), ..Default::default() }, vec!["beijing-2022#visited"]),
    ];
    for (name, q, want) in cases {
        assert_eq!(ids(q), want, "{name}");
    }
}

#[test]
fn hostile_text_filters_are_just_text() {
    let (_dir, store) = seeded("hostile");
    let cases: &[(&str, usize)] = &[
        ("'; DROP TABLE events; --", 0),
        ("100%", 1),
        ("%", 1),
        ("_", 0),
        ("\" OR 1=1 --", 0),
        ("Moscow') OR ('1'='1", 0),
    ];
    for (text, want) in cases {
        let rows = store.query_events(&EventQuery { text: Some((*text).into()), ..Default::default() }).expect("query");
        assert_eq!(rows.len(), *want, "{text}");
        let codes = store.query_events(&EventQuery { source: Some((*text).into()), ..Default::default() }).expect("query");
        assert!(codes.is_empty(), "{text}");
        let quotes = store.query_quotes(&QuoteQuery { speaker: Some((*text).into()), text: Some((*text).into()), ..Default::default() }).expect("quotes");
        assert!(quotes.is_empty(), "{text}");
        let actors = store.query_actors(&ActorQuery { name: Some((*text).into()), ..Default::default() }).expect("actors");
        assert!(actors.is_empty(), "{text}");
    }
    assert_eq!(store.counts().expect("tables still there").events, 9);
}

#[test]
fn quotes_by_speaker_and_text() {
    let (_dir, store) = seeded("quotes");
    let cases: &[(QuoteQuery, usize)] = &[
        (QuoteQuery { speaker: Some("imran".into()), ..Default::default() }, 1),
        (QuoteQuery { speaker: Some("PAK".into()), ..Default::default() }, 1),
        (QuoteQuery { speaker: Some("Putin".into()), ..Default::default() }, 0),
        (QuoteQuery { text: Some("we are".into()), ..Default::default() }, 1),
        (QuoteQuery { since: Some("2022-03-01".into()), ..Default::default() }, 0),
    ];
    for (q, want) in cases {
        assert_eq!(store.query_quotes(q).expect("quotes").len(), *want, "{q:?}");
    }
    let q = &store.query_quotes(&QuoteQuery::default()).expect("quotes")[0];
    assert_eq!((q.content_text.as_deref(), q.content_start, q.content_end), (Some("We are here,"), Some(1), Some(13)));
}

#[test]
fn actors_are_counted_by_entity() {
    let (_dir, store) = seeded("actors");
    let rows = store.query_actors(&ActorQuery { code: Some("PAKGOV".into()), ..Default::default() }).expect("actors");
    let top = &rows[0];
    assert_eq!((top.name.as_deref(), top.mentions), (Some("Entity Khan"), 5));
    assert_eq!((top.first_date.as_deref(), top.last_date.as_deref()), (Some("2021-01-10"), Some("2022-02-23")));
    let people = store.query_actors(&ActorQuery { kind: Some("person".into()), name: Some("sharif".into()), ..Default::default() }).expect("actors");
    assert_eq!(people.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Claim check

#[test]
fn first_and_last_before_on_dated_visits() {
    let (_dir, store) = seeded("claim");
    let q = |target: &str, before: Option<&str>, include_non_facts: bool| ClaimQuery {
        source: "PAKGOV".into(),
        target: Some(target.into()),
        cameo: "042".into(),
        before: before.map(str::to_string),
        include_non_facts,
    };
    struct Case {
        q: ClaimQuery,
        last: Option<(&'static str, &'static str)>,
        first: Option<(&'static str, &'static str)>,
        mentions: i64,
        occasions: i64,
    }
    let cases = [
        // "The first visit in 23 years": before the 2022 visit, the last one was Sharif's in 1999.
        Case { q: q("RUS", Some("2022-02-23"), false), last: Some(("1999-04-27", "archive-1999")), first: Some(("1999-04-27", "archive-1999")), mentions: 1, occasions: 1 },
        // Counting plans too, the 2021 plan comes last.
        Case { q: q("RUS", Some("2022-02-23"), true), last: Some(("2021-01-10", "plan-2021")), first: Some(("1999-04-27", "archive-1999")), mentions: 2, occasions: 2 },
        // Before a later date the 2022 visit is the last, evidenced by its first-ingested mention.
        Case { q: q("RUS", Some("2023-01-01"), false), last: Some(("2022-02-23", "dawn-1")), first: Some(("1999-04-27", "archive-1999")), mentions: 5, occasions: 2 },
        Case { q: q("RUS", Some("1999-01-01"), false), last: None, first: Some(("1999-04-27", "archive-1999")), mentions: 0, occasions: 0 },
        Case { q: q("CHN", None, false), last: Some(("2022-02-05", "beijing-2022")), first: Some(("2022-02-05", "beijing-2022")), mentions: 1, occasions: 1 },
        Case { q: q("USA", None, false), last: None, first: None, mentions: 0, occasions: 0 },
    ];
    for (i, c) in cases.iter().enumerate() {
        let a = store.first(&c.q).expect("first");
        let pick = |r: &Option<EventRow>| r.as_ref().map(|r| (r.date.clone().unwrap_or_default(), r.article_id.clone()));
        let own = |x: Option<(&str, &str)>| x.map(|(d, id)| (d.to_string(), id.to_string()));
        assert_eq!(pick(&a.last_before), own(c.last), "case {i}: last");
        assert_eq!(pick(&a.first), own(c.first), "case {i}: first");
        assert_eq!((a.mentions_before, a.occasions_before), (c.mentions, c.occasions), "case {i}: counts");
    }
    let a = store.first(&q("RUS", Some("2022-02-23"), false)).expect("first");
    let e = a.last_before.expect("evidence");
    assert_eq!(e.sentence_text.as_deref(), Some("Sharif visited Moscow."));
    assert_eq!(e.url.as_deref(), Some("https://www.dawn.com/archive/1999"));
}

// ---------------------------------------------------------------------------------------------
// Exports, each read back

fn export_string(store: &Store, f: ExportFormat) -> String {
    let mut buf = Vec::new();
    store.export(f, &mut buf).expect("export");
    String::from_utf8(buf).expect("utf-8")
}

#[test]
fn jsonl_export_gives_back_what_was_ingested() {
    let (_dir, store) = seeded("jsonl");
    let out = export_string(&store, ExportFormat::Jsonl);
    let back: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(back, corpus());
    // Offsets still slice the text as Python would.
    for a in &back {
        let chars: Vec<char> = a["text"].as_str().unwrap_or_default().chars().collect();
        for e in a["events"].as_array().into_iter().flatten() {
            let t = &e["trigger"];
            let (s, en) = (t["start"].as_u64().unwrap_or(0) as usize, t["end"].as_u64().unwrap_or(0) as usize);
            assert_eq!(chars[s..en].iter().collect::<String>(), t["text"].as_str().unwrap_or_default());
        }
    }
}

#[test]
fn csv_export_matches_the_store() {
    let (_dir, store) = seeded("csv");
    let out = export_string(&store, ExportFormat::Csv);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers = r.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("records");
    let events = store.query_events(&EventQuery::default()).expect("events");
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row[col("event_id")], e.event_id.to_string());
        assert_eq!(row[col("cameo")], *e.cameo.as_deref().unwrap_or(""));
        assert_eq!(row[col("sentence_text")], *e.sentence_text.as_deref().unwrap_or(""));
        assert_eq!(row[col("mentions")], e.num_mentions.to_string());
        assert_eq!(row[col("url")], *e.url.as_deref().unwrap_or(""));
    }
    // The curly quotes and the comma of "100%, of officials" survive CSV quoting.
    assert!(rows.iter().any(|r| &r[col("sentence_text")] == "Khan visited Moscow, 100% of officials said."));
}

#[test]
fn gdelt_export_has_61_columns_and_one_row_per_asserted_event() {
    let (_dir, store) = seeded("gdelt");
    let out = export_string(&store, ExportFormat::Gdelt);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    // Groups that are facts: Moscow 2022 (042), meeting Putin (040), 1999, Beijing. The plan and
    // the denial are left out.
    assert_eq!(rows.len(), 4);
    let col = |name: &str| GDELT_COLUMNS.iter().position(|c| *c == name).unwrap_or_else(|| panic!("{name}"));
    for r in &rows {
        assert_eq!(r.len(), 61);
        assert_eq!(r[col("AvgTone")], "0");
        assert_eq!(r[col("DATEADDED")].len(), 14, "{r:?}");
    }
    let moscow = rows.iter().find(|r| r[col("Day")] == "20220223" && r[col("EventCode")] == "042").expect("visit row");
    let expect = [
        ("MonthYear", "202202"), ("Year", "2022"), ("FractionDate", "2022.2274"),
        ("Actor1Code", "PAKGOV"), ("Actor1Name", "ENTITY KHAN"), ("Actor1CountryCode", "PAK"), ("Actor1Type1Code", "GOV"),
        ("Actor2Code", "RUS"), ("Actor2CountryCode", "RUS"),
        ("IsRootEvent", "1"), ("EventBaseCode", "042"), ("EventRootCode", "04"), ("QuadClass", "1"), ("GoldsteinScale", "1.9"),
        ("NumMentions", "4"), ("NumSources", "3"), ("NumArticles", "3"), ("SOURCEURL", "https://www.dawn.com/news/1"),
    ];
    for (c, v) in expect {
        assert_eq!(moscow[col(c)], v, "{c}");
    }
    let ids: Vec<i64> = rows.iter().map(|r| r[0].parse().expect("id")).collect();
    let groups = store.query_events(&EventQuery { facts_only: true, dedup: true, ..Default::default() }).expect("groups");
    let mut want: Vec<i64> = groups.iter().map(|g| g.group_id).collect();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn plover_export_lists_every_mention() {
    let (_dir, store) = seeded("plover");
    let out = export_string(&store, ExportFormat::Plover);
    let recs: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    // Every group has a PLOVER type in the fixtures: 4 facts + plan + denial.
    assert_eq!(recs.len(), 6);
    let moscow = recs
        .iter()
        .find(|r| r["event_date"] == "2022-02-23" && r["cameo"] == "042")
        .expect("visit");
    assert_eq!(moscow["event_type"], "CONSULT");
    assert_eq!(moscow["quad_code"], "V-COOP");
    assert_eq!(moscow["actor"]["code"], "PAKGOV");
    assert_eq!(moscow["recipient"]["code"], "RUS");
    assert_eq!(moscow["num_mentions"], 4);
    let stories: Vec<&str> = moscow["mentions"].as_array().into_iter().flatten().filter_map(|m| m["story_id"].as_str()).collect();
    assert_eq!(stories, ["dawn-1", "bbc-1", "bbc-1", "reuters-1"]);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let (_dir, store) = seeded("parquet");
    let mut buf = Vec::new();
    let n = store.export(ExportFormat::Parquet, &mut buf).expect("export");
    let events = store.query_events(&EventQuery::default()).expect("events");
    assert_eq!(n, events.len());
    let path = _dir.0.join("events.parquet");
    std::fs::write(&path, &buf).expect("write parquet");
    let reader = SerializedFileReader::new(std::fs::File::open(&path).expect("open parquet")).expect("parquet");
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, events.len());
    let rows: Vec<_> = reader.get_row_iter(None).expect("rows").collect::<Result<_, _>>().expect("rows");
    for (row, e) in rows.iter().zip(&events) {
        let get = |name: &str| row.get_column_iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v.clone());
        assert_eq!(get("event_id"), Some(Field::Long(e.event_id)));
        assert_eq!(get("sentence_text"), Some(e.sentence_text.clone().map_or(Field::Null, Field::Str)));
        assert_eq!(get("num_mentions"), Some(Field::Long(e.num_mentions)));
        assert_eq!(get("negated"), Some(Field::Bool(e.negated)));
    }
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_is_a_clear_error() {
    let store = Store::open_in_memory().expect("open");
    let err = store.export(ExportFormat::Parquet, &mut Vec::new()).expect_err("feature is off");
    assert!(matches!(err, StoreError::FeatureDisabled("parquet")));
}

#[test]
fn rendered_rows() {
    let (_dir, store) = seeded("render");
    let rows = store.query_events(&EventQuery { target: Some("CHN".into()), ..Default::default() }).expect("rows");
    let mut table = Vec::new();
    render_table(&rows, &mut table).expect("table");
    let table = String::from_utf8(table).expect("utf-8");
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("date        source_code  cameo"), "{table}");
    assert!(lines[2].contains("Khan visited Beijing."), "{table}");
    assert_eq!(lines.last(), Some(&"(1 row)"));
    let mut csv_out = Vec::new();
    render_csv::<EventRow>(&[], &mut csv_out).expect("csv");
    assert!(String::from_utf8(csv_out).expect("utf-8").starts_with("event_id,group_id,date,"));
    let mut quotes = Vec::new();
    render_table(&store.query_quotes(&QuoteQuery::default()).expect("quotes"), &mut quotes).expect("table");
    let quotes = String::from_utf8(quotes).expect("utf-8");
    assert!(quotes.lines().nth(2).is_some_and(|l| l.contains("Imran Khan") && l.contains("We are here,")), "{quotes}");
    let mut actors = Vec::new();
    render_table(&store.query_actors(&ActorQuery::default()).expect("actors"), &mut actors).expect("table");
    let actors = String::from_utf8(actors).expect("utf-8");
    assert!(actors.starts_with("name") && actors.lines().nth(2).is_some_and(|l| l.starts_with("Entity Moscow   RUS     person  6")), "{actors}");
    let mut jsonl = Vec::new();
    render_jsonl(&rows, &mut jsonl).expect("jsonl");
    let v: Value = serde_json::from_slice(&jsonl).expect("json");
    assert_eq!(v["target_code"], "CHN");
    assert_eq!(v["num_mentions"], 1);
}

#[test]
fn schema_version_is_recorded_and_a_newer_one_refused() {
    let dir = Scratch::new("schema");
    drop(Store::open(&dir.db()).expect("open"));
    assert_eq!(Store::open_read_only(&dir.db()).expect("ro").schema_version().expect("version"), SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(dir.db()).expect("raw open");
    conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1)).expect("bump");
    drop(conn);
    assert!(matches!(Store::open(&dir.db()), Err(StoreError::TooNew { .. })));
}

// ---------------------------------------------------------------------------------------------
// Crash safety: kill -9 in the middle of an ingest, then run it again.

const CHILD_DB: &str = "DRAGOMAN_STORE_CHILD_DB";
const CHILD_INPUT: &str = "DRAGOMAN_STORE_CHILD_INPUT";

/// A generated article: `i % 4` events, `i % 3` actors, deterministic.
fn generated(i: usize) -> Value {
    let text = format!("Leader {i} visited Capital {}. Minister {i} met Envoy {}. It was hot.", i % 50, i % 7);
    let evs: Vec<Ev> = Vec::new();
    let mut a = article(&format!("gen-{i}"), Some(["Dawn", "BBC", "AP"][i % 3]), None, "2020-01-01", &text, &evs);
    let events: Vec<Value> = (0..i % 4)
        .map(|k| {
            json!({"cameo": format!("04{k}"), "plover": "CONSULT", "mode": null,
                "source": actor(&text, "Leader", Some(["PAKGOV", "INDGOV", "CHNGOV"][i % 3])),
                "target": actor(&text, "Capital", Some("RUS")),
                "negated": false, "modality": "asserted", "date": format!("2020-01-{:02}", 1 + i % 28), "date_source": "timex",
                "location": null, "sentence": 0, "trigger": sp(&text, "visited"),
                "rule": "gen", "quad_class": 1, "goldstein": 1.0, "quote": null})
        })
        .collect();
    a["events"] = json!(events);
    a["actors"] = json!((0..i % 3).map(|_| actor(&text, "Envoy", None)).collect::<Vec<_>>());
    a
}

fn expected_events(ids: impl Iterator<Item = usize>) -> i64 {
    ids.map(|i| (i % 4) as i64).sum()
}

/// Ingests the JSON Lines file in batches, as `dragoman ingest` will.
fn ingest_file(store: &mut Store, input: &Path, batch: usize) {
    let mut r = std::io::BufReader::new(std::fs::File::open(input).expect("input"));
    let rep = store.ingest_jsonl(&mut r, "input.jsonl", batch).expect("ingest");
    assert_eq!(rep.failed, 0);
}

#[test]
#[ignore = "child process of kill_mid_ingest_then_rerun_completes; does nothing when run alone"]
fn child_ingest() {
    let (Ok(db), Ok(input)) = (std::env::var(CHILD_DB), std::env::var(CHILD_INPUT)) else { return };
    let mut store = Store::open(Path::new(&db)).expect("open");
    ingest_file(&mut store, Path::new(&input), 50);
}

fn spawn_child(db: &Path, input: &Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child_ingest", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, db)
        .env(CHILD_INPUT, input)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn child")
}

#[test]
fn kill_mid_ingest_then_rerun_completes() {
    const N: usize = 40_000;
    let dir = Scratch::new("kill");
    let input = dir.0.join("input.jsonl");
    let lines: Vec<String> = (0..N).map(|i| generated(i).to_string()).collect();
    std::fs::write(&input, lines.join("\n") + "\n").expect("write input");

    // The reference: a clean run.
    let clean_db = dir.0.join("clean.db");
    let mut clean = Store::open(&clean_db).expect("open clean");
    ingest_file(&mut clean, &input, 50);
    let want = clean.counts().expect("counts");
    assert_eq!(want.articles, N as i64);
    assert_eq!(want.events, expected_events(0..N));

    // Kill the child as soon as some batches are committed.
    let db = dir.db();
    let mut child = spawn_child(&db, &input);
    let start = std::time::Instant::now();
    let mut seen = 0;
    while seen == 0 {
        assert!(start.elapsed().as_secs() < 120, "child made no progress");
        std::thread::sleep(std::time::Duration::from_millis(20));
        if let Ok(s) = Store::open_read_only(&db) {
            seen = s.counts().map(|c| c.articles).unwrap_or(0);
        }
    }
    child.kill().expect("kill -9"); // SIGKILL on Unix
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the child finished before it was killed; make N larger");

    // Consistent after the kill: whole articles with all their events, nothing else.
    let store = Store::open(&db).expect("reopen after kill");
    assert!(store.check_integrity().expect("integrity"));
    let partial = store.counts().expect("counts");
    assert!(partial.articles > 0 && partial.articles < N as i64, "killed mid-way: {partial:?}");
    assert_eq!(partial.articles % 50, 0, "only whole batches survive");
    let conn = rusqlite::Connection::open(&db).expect("raw open");
    let mut st = conn.prepare("SELECT id FROM articles").expect("prepare");
    let ids: Vec<String> = st.query_map([], |r| r.get(0)).expect("ids").collect::<Result<_, _>>().expect("ids");
    let numbers = ids.iter().map(|id| id.trim_start_matches("gen-").parse::<usize>().expect("generated id"));
    assert_eq!(partial.events, expected_events(numbers));
    drop(store);

    // The same command again completes the job.
    let status = spawn_child(&db, &input).wait().expect("rerun");
    assert!(status.success());
    let store = Store::open(&db).expect("reopen");
    assert_eq!(store.counts().expect("counts"), want);
    assert_eq!(export_string(&store, ExportFormat::Jsonl), export_string(&clean, ExportFormat::Jsonl));
}
