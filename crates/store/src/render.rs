//! Rendering query rows for people (a terminal table) and for programs (CSV, JSON Lines).
//!
//! Each row type names its fields once ([`Row::fields`]); CSV and JSON Lines carry all of them, the
//! table the few that fit a terminal ([`Row::TABLE`]), long text cut with `…`.

use crate::query::{ActorRow, EventRow, QuoteRow};
use crate::StoreError;
use std::io::Write;

/// A query result row.
pub trait Row: serde::Serialize + Default {
    /// Field names shown by [`render_table`], a subset of [`Row::fields`]' names.
    const TABLE: &'static [&'static str];
    /// Every field as `(name, text)`, in CSV column order; `None` is the empty string.
    fn fields(&self) -> Vec<(&'static str, String)>;
}

fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn n<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

impl Row for EventRow {
    const TABLE: &'static [&'static str] =
        &["date", "source_code", "cameo", "target_code", "modality", "mentions", "sources", "article_id", "sentence_text"];
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("event_id", self.event_id.to_string()),
            ("group_id", self.group_id.to_string()),
            ("date", s(&self.date)),
            ("date_source", s(&self.date_source)),
            ("cameo", s(&self.cameo)),
            ("plover", s(&self.plover)),
            ("mode", s(&self.mode)),
            ("source_code", s(&self.source_code)),
            ("source_text", s(&self.source_text)),
            ("target_code", s(&self.target_code)),
            ("target_text", s(&self.target_text)),
            ("negated", self.negated.to_string()),
            ("modality", s(&self.modality)),
            ("location_text", s(&self.location_text)),
            ("location_code", s(&self.location_code)),
            ("quad_class", n(&self.quad_class)),
            ("goldstein", n(&self.goldstein)),
            ("rule", s(&self.rule)),
            ("trigger_text", s(&self.trigger_text)),
            ("trigger_start", n(&self.trigger_start)),
            ("trigger_end", n(&self.trigger_end)),
            ("sentence", n(&self.sentence)),
            ("sentence_start", n(&self.sentence_start)),
            ("sentence_end", n(&self.sentence_end)),
            ("sentence_text", s(&self.sentence_text)),
            ("article_id", self.article_id.clone()),
            ("url", s(&self.url)),
            ("title", s(&self.title)),
            ("outlet", self.outlet.clone()),
            ("article_date", s(&self.article_date)),
            ("mentions", self.num_mentions.to_string()),
            ("sources", self.num_sources.to_string()),
            ("articles", self.num_articles.to_string()),
        ]
    }
}

impl Row for QuoteRow {
    const TABLE: &'static [&'static str] = &["article_date", "speaker", "kind", "content_text", "article_id"];
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("quote_id", self.quote_id.to_string()),
            ("kind", s(&self.kind)),
            ("speaker", self.speaker_entity.clone().or_else(|| self.speaker_text.clone()).unwrap_or_default()),
            ("speaker_text", s(&self.speaker_text)),
            ("speaker_entity", s(&self.speaker_entity)),
            ("speaker_code", s(&self.speaker_code)),
            ("cue_text", s(&self.cue_text)),
            ("content_text", s(&self.content_text)),
            ("content_start", n(&self.content_start)),
            ("content_end", n(&self.content_end)),
            ("rule", s(&self.rule)),
            ("article_id", self.article_id.clone()),
            ("url", s(&self.url)),
            ("outlet", self.outlet.clone()),
            ("article_date", s(&self.article_date)),
        ]
    }
}

impl Row for ActorRow {
    const TABLE: &'static [&'static str] = &["name", "code", "kind", "mentions", "articles", "first_date", "last_date"];
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", s(&self.name)),
            ("entity", s(&self.entity)),
            ("code", s(&self.code)),
            ("kind", s(&self.kind)),
            ("mentions", self.mentions.to_string()),
            ("articles", self.articles.to_string()),
            ("first_date", s(&self.first_date)),
            ("last_date", s(&self.last_date)),
        ]
    }
}

/// Widest a table cell may be, in characters.
const MAX_CELL: usize = 60;

fn cell(text: &str) -> String {
    // Line breaks inside a cell would break the table's rows.
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if flat.chars().count() > MAX_CELL {
        let mut cut: String = flat.chars().take(MAX_CELL - 1).collect();
        cut.push('…');
        cut
    } else {
        flat
    }
}

/// A plain-text table with a header and aligned columns.
pub fn render_table<R: Row>(rows: &[R], out: &mut dyn Write) -> Result<(), StoreError> {
    let grid: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let all = r.fields();
            R::TABLE
                .iter()
                .map(|name| all.iter().find(|(k, _)| k == name).map(|(_, v)| cell(v)).unwrap_or_default())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = R::TABLE.iter().map(|h| h.chars().count()).collect();
    for row in &grid {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut R::TABLE.iter().copied()))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in &grid {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })?;
    Ok(())
}

/// CSV with a header row, every field.
pub fn render_csv<R: Row>(rows: &[R], out: &mut dyn Write) -> Result<(), StoreError> {
    let mut w = csv::Writer::from_writer(out);
    // The header comes from a default row so that an empty result is still a valid CSV file.
    w.write_record(R::default().fields().iter().map(|(k, _)| *k))?;
    for r in rows {
        w.write_record(r.fields().iter().map(|(_, v)| v.as_str()))?;
    }
    w.flush()?;
    Ok(())
}

/// One JSON object per row, typed (numbers as numbers, missing values as null).
pub fn render_jsonl<R: Row>(rows: &[R], out: &mut dyn Write) -> Result<(), StoreError> {
    for r in rows {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
