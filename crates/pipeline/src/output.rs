//! The JSON Lines output contract: one object per article.
//!
//! Offsets are **character (Unicode scalar) offsets into `text`**, half-open, so that
//! `text[start:end]` in Python is the span's `text`. Field names are a contract (see
//! `docs/output-format.md`): fields may be added, never renamed or dropped.

use crate::Analysis;
use dragoman_doc::{CharIndex, Span};
use serde_json::{json, Map, Value};

struct Ctx<'a> {
    text: &'a str,
    idx: CharIndex,
}

impl Ctx<'_> {
    fn span(&self, s: Span) -> Map<String, Value> {
        let (a, b) = self.idx.chars(s);
        let mut m = Map::new();
        m.insert("start".into(), a.into());
        m.insert("end".into(), b.into());
        m.insert("text".into(), self.text[s.range()].into());
        m
    }

    fn with(&self, s: Span, extra: &[(&str, Value)]) -> Value {
        let mut m = self.span(s);
        for (k, v) in extra {
            m.insert((*k).into(), v.clone());
        }
        Value::Object(m)
    }
}

/// Renders one analysed article as the contract's JSON object.
pub fn to_json(a: &Analysis) -> Value {
    let doc = &a.doc;
    let cx = Ctx { text: &doc.text, idx: CharIndex::new(&doc.text) };
    let sentences: Vec<Value> = doc
        .sentences
        .iter()
        .map(|s| {
            let (st, en) = cx.idx.chars(s.span);
            json!({"start": st, "end": en})
        })
        .collect();
    let actors: Vec<Value> = a
        .actors
        .iter()
        .map(|m| {
            cx.with(
                m.span,
                &[
                    ("kind", json!(m.kind)),
                    ("code", json!(m.code)),
                    ("country", json!(m.country)),
                    ("sector", json!(m.sector)),
                    ("entity", json!(m.entity)),
                    ("entry", json!(m.entry)),
                    ("entity_id", json!(m.entity_id)),
                    ("role", json!(m.role)),
                    ("rule", json!(m.rule)),
                ],
            )
        })
        .collect();
    let events: Vec<Value> = a
        .events
        .iter()
        .map(|e| {
            let actor = |x: &dragoman_doc::EventActor| cx.with(x.span, &[("code", json!(x.code))]);
            json!({
                "cameo": e.cameo, "plover": e.plover, "mode": e.mode,
                "source": actor(&e.source),
                "target": e.target.as_ref().map(actor),
                "negated": e.negated, "modality": e.modality,
                "date": e.date, "date_source": e.date_source,
                "location": e.location.as_ref().map(actor),
                "sentence": e.sentence,
                "trigger": Value::Object(cx.span(e.trigger)),
                "rule": e.rule, "quad_class": e.quad_class, "goldstein": e.goldstein,
                "quote": e.quote,
            })
        })
        .collect();
    let quotes: Vec<Value> = a
        .quotes
        .iter()
        .map(|q| {
            json!({
                "kind": q.kind,
                "content": Value::Object(cx.span(q.content)),
                "cue": q.cue.map(|c| Value::Object(cx.span(c))),
                "speaker": q.speaker.as_ref().map(|s| cx.with(s.span, &[("entity", json!(s.entity)), ("code", json!(s.code))])),
                "rule": q.rule,
            })
        })
        .collect();
    let times: Vec<Value> = a
        .times
        .iter()
        .map(|t| cx.with(t.span, &[("type", json!(t.kind.as_str())), ("value", json!(t.value)), ("rule", json!(t.rule))]))
        .collect();
    let errors: Vec<Value> = doc.errors.iter().map(|e| json!({"stage": e.stage, "message": e.message})).collect();
    json!({
        "id": doc.meta.id,
        "title": doc.meta.title,
        "url": doc.meta.url,
        "source": doc.meta.source,
        "date": doc.meta.date,
        "text": doc.text,
        "sentences": sentences,
        "actors": actors,
        "events": events,
        "quotes": quotes,
        "times": times,
        "errors": errors,
    })
}
