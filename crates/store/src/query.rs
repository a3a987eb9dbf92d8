//! Queries over the store. Every filter value travels as a bound parameter; text filters use
//! `instr`, not `LIKE`, so `%`, `_` and quotes in them are plain characters.

use crate::{Store, StoreError};
use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Row as SqlRow};
use serde::Serialize;
use std::collections::HashMap;

/// Filters for [`Store::query_events`]. Empty fields do not filter.
///
/// Codes match by prefix (`PAK` matches `PAKGOV`; a full code matches itself and its
/// sub-codes); `cameo` is a prefix too (`04` = every consultation). Dates are compared as
/// `YYYY-MM-DD` strings against the event's date (the article's date when the event has none);
/// `since` and `until` are inclusive, and a coarse date such as `2022-02` sorts before every day of
/// that month.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub source: Option<String>,
    pub target: Option<String>,
    pub cameo: Option<String>,
    /// PLOVER event type, exact (`CONSULT`), case-insensitive.
    pub plover: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Only asserted, non-negated events.
    pub facts_only: bool,
    /// Case-insensitive (ASCII) substring of the evidence sentence.
    pub text: Option<String>,
    /// One row per deduplicated event (the earliest matching mention), not per mention.
    pub dedup: bool,
    pub limit: Option<usize>,
}

/// One event mention with its evidence and the counts of the deduplicated event it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventRow {
    /// The mention's id (stable while its article is not re-analysed).
    pub event_id: i64,
    /// The deduplicated event's id: the smallest `event_id` among its mentions (GDELT's GlobalEventID).
    pub group_id: i64,
    /// The event's date, else the article's.
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub cameo: Option<String>,
    pub plover: Option<String>,
    pub mode: Option<String>,
    pub source_code: Option<String>,
    pub source_text: Option<String>,
    pub target_code: Option<String>,
    pub target_text: Option<String>,
    pub negated: bool,
    pub modality: Option<String>,
    pub location_text: Option<String>,
    pub location_code: Option<String>,
    pub quad_class: Option<i64>,
    pub goldstein: Option<f64>,
    pub rule: Option<String>,
    pub trigger_text: Option<String>,
    pub trigger_start: Option<i64>,
    pub trigger_end: Option<i64>,
    pub sentence: Option<i64>,
    pub sentence_start: Option<i64>,
    pub sentence_end: Option<i64>,
    pub sentence_text: Option<String>,
    pub article_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: String,
    pub article_date: Option<String>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
}

/// Filters for [`Store::query_quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// Substring of the speaker's canonical name or mention text, or a prefix of the speaker's code.
    pub speaker: Option<String>,
    /// Substring of what was said.
    pub text: Option<String>,
    /// Article dates, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteRow {
    pub quote_id: i64,
    pub kind: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_entity: Option<String>,
    pub speaker_code: Option<String>,
    pub cue_text: Option<String>,
    pub content_text: Option<String>,
    pub content_start: Option<i64>,
    pub content_end: Option<i64>,
    pub rule: Option<String>,
    pub article_id: String,
    pub url: Option<String>,
    pub outlet: String,
    pub article_date: Option<String>,
}

/// Filters for [`Store::query_actors`].
#[derive(Debug, Clone, Default)]
pub struct ActorQuery {
    /// Prefix of the actor code.
    pub code: Option<String>,
    /// Substring of the canonical name or the mention text.
    pub name: Option<String>,
    /// `person`, `country`, …, exact.
    pub kind: Option<String>,
    /// Article dates, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<usize>,
}

/// One actor (canonical entity, else mention text) with one code, and how often it is mentioned.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActorRow {
    pub name: Option<String>,
    pub entity: Option<String>,
    pub code: Option<String>,
    pub kind: Option<String>,
    pub mentions: i64,
    pub articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// "When did `source` last do `cameo` to `target` before `before`, and when first?"
#[derive(Debug, Clone, Default)]
pub struct ClaimQuery {
    /// Actor code or prefix (`PAKGOV`).
    pub source: String,
    /// Actor code or prefix; `None` for any target.
    pub target: Option<String>,
    /// CAMEO code or prefix (`042`).
    pub cameo: String,
    /// `YYYY-MM-DD`; `last_before` considers events dated strictly before it.
    pub before: Option<String>,
    /// Also count intended, hypothetical, questioned and negated events (off: facts only).
    pub include_non_facts: bool,
}

/// The answer to a [`ClaimQuery`], each part with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAnswer {
    /// The latest event dated before `before` (the latest overall when `before` is `None`).
    pub last_before: Option<EventRow>,
    /// The earliest event in the store.
    pub first: Option<EventRow>,
    /// Matching mentions dated before `before` (all when `before` is `None`).
    pub mentions_before: i64,
    /// Distinct dates among them: how many separate occasions the store knows of.
    pub occasions_before: i64,
}

const EVENT_COLUMNS: &str = "e.pk, e.group_key, e.event_date, e.date_source, e.cameo, e.plover, e.mode,
    e.source_code, e.source_text, e.target_code, e.target_text, e.negated, e.modality,
    e.location_text, e.location_code, e.quad_class, e.goldstein, e.rule,
    e.trigger_text, e.trigger_start, e.trigger_end, e.sentence, e.sentence_start, e.sentence_end, e.sentence_text,
    a.id, a.url, a.title, a.outlet, a.date";

fn event_row(r: &SqlRow) -> rusqlite::Result<(String, EventRow)> {
    Ok((
        r.get(1)?,
        EventRow {
            event_id: r.get(0)?,
            group_id: 0,
            date: r.get(2)?,
            date_source: r.get(3)?,
            cameo: r.get(4)?,
            plover: r.get(5)?,
            mode: r.get(6)?,
            source_code: r.get(7)?,
            source_text: r.get(8)?,
            target_code: r.get(9)?,
            target_text: r.get(10)?,
            negated: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
            modality: r.get(12)?,
            location_text: r.get(13)?,
            location_code: r.get(14)?,
            quad_class: r.get(15)?,
            goldstein: r.get(16)?,
            rule: r.get(17)?,
            trigger_text: r.get(18)?,
            trigger_start: r.get(19)?,
            trigger_end: r.get(20)?,
            sentence: r.get(21)?,
            sentence_start: r.get(22)?,
            sentence_end: r.get(23)?,
            sentence_text: r.get(24)?,
            article_id: r.get(25)?,
            url: r.get(26)?,
            title: r.get(27)?,
            outlet: r.get(28)?,
            article_date: r.get(29)?,
            num_mentions: 0,
            num_sources: 0,
            num_articles: 0,
        },
    ))
}

/// A WHERE clause under construction: conditions joined by AND, values bound in order.
#[derive(Default)]
struct Filter {
    conds: Vec<String>,
    params: Vec<Sql>,
}

impl Filter {
    fn push(&mut self, cond: &str, value: impl Into<Sql>) {
        self.params.push(value.into());
        // `?N` numbering lets one condition use its value twice.
        self.conds.push(cond.replace('?', &format!("?{}", self.params.len())));
    }

    /// `column` starts with `value`, written as a range (`>= value AND < successor`) so that an
    /// index on the column serves it.
    fn prefix(&mut self, column: &str, value: &Option<String>) {
        let Some(v) = value.as_deref().filter(|v| !v.is_empty()) else { return };
        self.push(&format!("{column} >= ?"), v.to_string());
        if let Some(end) = successor(v) {
            self.push(&format!("{column} < ?"), end);
        }
    }

    fn contains(&mut self, columns: &[&str], value: &Option<String>) {
        if let Some(v) = value {
            let any: Vec<String> = columns.iter().map(|c| format!("instr(lower({c}), lower(?)) > 0")).collect();
            self.push(&format!("({})", any.join(" OR ")), v.clone());
        }
    }

    fn sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conds.join(" AND "))
        }
    }
}

/// The least string greater than every string that starts with `p` (code point order, which is
/// SQLite's BINARY order for UTF-8): `p` with its last character incremented, dropping trailing
/// characters that cannot be; `None` when no such string exists.
fn successor(p: &str) -> Option<String> {
    let mut chars: Vec<char> = p.chars().collect();
    while let Some(last) = chars.pop() {
        let mut next = last as u32 + 1;
        if (0xD800..0xE000).contains(&next) {
            next = 0xE000;
        }
        if let Some(c) = char::from_u32(next) {
            chars.push(c);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

fn limit_sql(limit: Option<usize>) -> String {
    // A number we format ourselves, never input text.
    limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default()
}

impl Store {
    fn event_filter(q: &EventQuery) -> Filter {
        let mut f = Filter::default();
        f.prefix("e.source_code", &q.source);
        f.prefix("e.target_code", &q.target);
        f.prefix("e.cameo", &q.cameo);
        if let Some(p) = &q.plover {
            f.push("upper(e.plover) = upper(?)", p.clone());
        }
        if let Some(s) = &q.since {
            f.push("e.event_date >= ?", s.clone());
        }
        if let Some(u) = &q.until {
            f.push("e.event_date <= ?", u.clone());
        }
        if q.facts_only {
            f.conds.push("e.is_fact = 1".into());
        }
        f.contains(&["e.sentence_text"], &q.text);
        f
    }

    fn run_events(&self, f: &Filter, order: &str, limit: Option<usize>, dedup: bool) -> Result<Vec<EventRow>, StoreError> {
        // With dedup the limit applies after collapsing mentions, so it cannot go into the SQL.
        let lim = if dedup { String::new() } else { limit_sql(limit) };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.pk = e.article_pk {} ORDER BY {order}{lim}",
            f.sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(f.params.iter()), event_row)?;
        let mut out = Vec::new();
        let mut stats: HashMap<String, (i64, i64, i64, i64)> = HashMap::new();
        let mut group_stats = self.conn.prepare_cached(
            "SELECT MIN(e.pk), COUNT(*), COUNT(DISTINCT a.outlet), COUNT(DISTINCT e.article_pk)
             FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.group_key = ?1",
        )?;
        for row in rows {
            let (key, mut row) = row?;
            let seen = stats.contains_key(&key);
            if dedup && seen {
                continue;
            }
            if !seen {
                let s = group_stats.query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
                stats.insert(key.clone(), s);
            }
            let (gid, m, s, a) = stats[&key];
            (row.group_id, row.num_mentions, row.num_sources, row.num_articles) = (gid, m, s, a);
            out.push(row);
            if dedup && limit.is_some_and(|n| out.len() >= n) {
                break;
            }
        }
        Ok(out)
    }

    /// Event mentions matching `q`, oldest first (undated last).
    pub fn query_events(&self, q: &EventQuery) -> Result<Vec<EventRow>, StoreError> {
        let f = Self::event_filter(q);
        self.run_events(&f, "e.event_date IS NULL, e.event_date, e.pk", q.limit, q.dedup)
    }

    /// Claim check: the latest matching event before `q.before` and the first one ever, with evidence.
    pub fn first(&self, q: &ClaimQuery) -> Result<ClaimAnswer, StoreError> {
        let base = EventQuery {
            source: Some(q.source.clone()),
            target: q.target.clone(),
            cameo: Some(q.cameo.clone()),
            facts_only: !q.include_non_facts,
            ..Default::default()
        };
        let mut f = Self::event_filter(&base);
        f.conds.push("e.event_date IS NOT NULL".into());
        let first = self.run_events(&f, "e.event_date, e.pk", Some(1), false)?.into_iter().next();
        if let Some(b) = &q.before {
            f.push("e.event_date < ?", b.clone());
        }
        let last_before = self.run_events(&f, "e.event_date DESC, e.pk", Some(1), false)?.into_iter().next();
        let (mentions_before, occasions_before) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), COUNT(DISTINCT e.event_date) FROM events e JOIN articles a ON a.pk = e.article_pk {}",
                f.sql()
            ),
            params_from_iter(f.params.iter()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(ClaimAnswer { last_before, first, mentions_before, occasions_before })
    }

    /// Quotations matching `q`, by article date then position.
    pub fn query_quotes(&self, q: &QuoteQuery) -> Result<Vec<QuoteRow>, StoreError> {
        let mut f = Filter::default();
        if let Some(s) = &q.speaker {
            f.push(
                "(instr(lower(q.speaker_entity), lower(?)) > 0 OR instr(lower(q.speaker_text), lower(?)) > 0
                  OR (q.speaker_code >= ? AND substr(q.speaker_code, 1, length(?)) = ?))",
                s.clone(),
            );
        }
        f.contains(&["q.content_text"], &q.text);
        if let Some(s) = &q.since {
            f.push("a.date >= ?", s.clone());
        }
        if let Some(u) = &q.until {
            f.push("a.date <= ?", u.clone());
        }
        let sql = format!(
            "SELECT q.pk, q.kind, q.speaker_text, q.speaker_entity, q.speaker_code, q.cue_text, q.content_text,
                    q.content_start, q.content_end, q.rule, a.id, a.url, a.outlet, a.date
             FROM quotes q JOIN articles a ON a.pk = q.article_pk {} ORDER BY a.date IS NULL, a.date, q.pk{}",
            f.sql(),
            limit_sql(q.limit)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(f.params.iter()), |r| {
            Ok(QuoteRow {
                quote_id: r.get(0)?,
                kind: r.get(1)?,
                speaker_text: r.get(2)?,
                speaker_entity: r.get(3)?,
                speaker_code: r.get(4)?,
                cue_text: r.get(5)?,
                content_text: r.get(6)?,
                content_start: r.get(7)?,
                content_end: r.get(8)?,
                rule: r.get(9)?,
                article_id: r.get(10)?,
                url: r.get(11)?,
                outlet: r.get(12)?,
                article_date: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Actors matching `q`, most mentioned first.
    pub fn query_actors(&self, q: &ActorQuery) -> Result<Vec<ActorRow>, StoreError> {
        let mut f = Filter::default();
        f.prefix("x.code", &q.code);
        f.contains(&["x.entity", "x.text"], &q.name);
        if let Some(k) = &q.kind {
            f.push("x.kind = ?", k.clone());
        }
        if let Some(s) = &q.since {
            f.push("a.date >= ?", s.clone());
        }
        if let Some(u) = &q.until {
            f.push("a.date <= ?", u.clone());
        }
        let sql = format!(
            "SELECT COALESCE(x.entity, x.text) AS name, x.entity, x.code, x.kind, COUNT(*) AS mentions,
                    COUNT(DISTINCT x.article_pk), MIN(a.date), MAX(a.date)
             FROM actors x JOIN articles a ON a.pk = x.article_pk {}
             GROUP BY name, x.code, x.kind ORDER BY mentions DESC, name{}",
            f.sql(),
            limit_sql(q.limit)
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(params_from_iter(f.params.iter()), |r| {
            Ok(ActorRow {
                name: r.get(0)?,
                entity: r.get(1)?,
                code: r.get(2)?,
                kind: r.get(3)?,
                mentions: r.get(4)?,
                articles: r.get(5)?,
                first_date: r.get(6)?,
                last_date: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::successor;

    #[test]
    fn prefix_successors() {
        let cases: &[(&str, Option<&str>)] = &[
            ("PAK", Some("PAL")),
            ("04", Some("05")),
            ("A\u{10FFFF}", Some("B")),
            ("\u{D7FF}", Some("\u{E000}")),
            ("\u{10FFFF}", None),
            ("", None),
        ];
        for (p, want) in cases {
            assert_eq!(successor(p).as_deref(), *want, "{p:?}");
        }
    }
}

impl ClaimAnswer {
    /// The readable answer to "when did this last happen before DATE, and when first?", with the
    /// evidence of each.
    pub fn report(&self, q: &ClaimQuery) -> String {
        use std::fmt::Write as _;
        let mut o = String::new();
        let what = format!("{} → {} ({})", q.source, q.target.as_deref().unwrap_or("anyone"), q.cameo);
        let evidence = |o: &mut String, label: &str, e: &EventRow| {
            let _ = writeln!(
                o,
                "{label}: {} — {} [{}] → {} [{}], {} {}",
                e.date.as_deref().unwrap_or("undated"),
                e.source_text.as_deref().unwrap_or("?"),
                e.source_code.as_deref().unwrap_or("?"),
                e.target_text.as_deref().unwrap_or("—"),
                e.target_code.as_deref().unwrap_or("—"),
                e.cameo.as_deref().unwrap_or("?"),
                e.modality.as_deref().unwrap_or("")
            );
            let _ = writeln!(o, "    “{}”", e.sentence_text.as_deref().unwrap_or("").replace('\n', " "));
            let _ = writeln!(
                o,
                "    article {}{} · {} mention(s) in {} article(s) from {} source(s)",
                e.article_id,
                e.url.as_deref().map(|u| format!(" <{u}>")).unwrap_or_default(),
                e.num_mentions,
                e.num_articles,
                e.num_sources
            );
        };
        match &q.before {
            Some(d) => {
                let _ = writeln!(o, "{what}, before {d}: {} occasion(s), {} mention(s)", self.occasions_before, self.mentions_before);
            }
            None => {
                let _ = writeln!(o, "{what}: {} occasion(s), {} mention(s)", self.occasions_before, self.mentions_before);
            }
        }
        match &self.last_before {
            Some(e) => evidence(&mut o, "last", e),
            None => {
                let _ = writeln!(o, "last: never, in this store");
            }
        }
        match &self.first {
            Some(e) => evidence(&mut o, "first", e),
            None => {
                let _ = writeln!(o, "first: never, in this store");
            }
        }
        o
    }
}
