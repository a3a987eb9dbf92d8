//! Exports: the whole store in one of the formats of [`ExportFormat`].

use crate::query::EventQuery;
use crate::render::render_csv;
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};
use std::io::Write;

/// What [`Store::export`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The `analyze` JSON Lines contract, one object per article, re-assembled from the tables.
    Jsonl,
    /// One row per event mention, with a header: the fields of [`crate::EventRow`].
    Csv,
    /// The GDELT 2.0 Events table: tab-separated, no header, 61 columns, one row per
    /// deduplicated asserted event (see `SCHEMA.md` for how each column is filled).
    Gdelt,
    /// PLOVER/POLECAT-style JSON Lines, one object per deduplicated event that has a PLOVER type,
    /// with every mention's evidence.
    Plover,
    /// Apache Parquet, one row per event mention, the columns of `Csv` typed. Needs the crate
    /// feature `parquet`; without it the export fails with [`StoreError::FeatureDisabled`].
    Parquet,
}

impl ExportFormat {
    pub const ALL: &'static [(&'static str, ExportFormat)] = &[
        ("jsonl", ExportFormat::Jsonl),
        ("csv", ExportFormat::Csv),
        ("gdelt", ExportFormat::Gdelt),
        ("plover", ExportFormat::Plover),
        ("parquet", ExportFormat::Parquet),
    ];
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self, StoreError> {
        ExportFormat::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
            .map(|(_, f)| *f)
            .ok_or_else(|| StoreError::UnknownFormat(s.to_string()))
    }
}

/// The GDELT 2.0 Events columns, in file order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

/// `(year, month, day)` of a full `YYYY-MM-DD` date.
fn ymd(date: &str) -> Option<(u32, u32, u32)> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| date.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// TSV cells cannot hold tabs or line breaks.
fn tsv(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Entity, country, sector and kind of the actor mention at a span of an article, if the actors
/// layer has one.
type ActorInfo = (Option<String>, Option<String>, Option<String>, Option<String>);

impl Store {
    /// Writes the whole store in `format`; returns the number of records (lines or rows) written.
    pub fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<usize, StoreError> {
        match format {
            ExportFormat::Jsonl => self.export_jsonl(out),
            ExportFormat::Csv => {
                let rows = self.query_events(&EventQuery::default())?;
                render_csv(&rows, out)?;
                Ok(rows.len())
            }
            ExportFormat::Gdelt => self.export_gdelt(out),
            ExportFormat::Plover => self.export_plover(out),
            ExportFormat::Parquet => self.export_parquet(out),
        }
    }

    #[cfg(feature = "parquet")]
    fn export_parquet(&self, out: &mut dyn Write) -> Result<usize, StoreError> {
        let rows = self.query_events(&EventQuery::default())?;
        // The Parquet writer needs `Write + Send` and writes its footer last, so the file is built
        // in memory and copied out.
        let bytes = crate::parquet_out::events_to_parquet(&rows)?;
        out.write_all(&bytes)?;
        Ok(rows.len())
    }

    #[cfg(not(feature = "parquet"))]
    fn export_parquet(&self, _out: &mut dyn Write) -> Result<usize, StoreError> {
        Err(StoreError::FeatureDisabled("parquet"))
    }

    /// One article as the `analyze` contract object.
    fn article_json(&self, pk: i64) -> Result<Value, StoreError> {
        let span = |s: Option<i64>, e: Option<i64>, t: Option<String>| -> Option<Map<String, Value>> {
            s.map(|s| {
                let mut m = Map::new();
                m.insert("start".into(), s.into());
                m.insert("end".into(), json!(e));
                m.insert("text".into(), json!(t));
                m
            })
        };
        let with = |m: Option<Map<String, Value>>, extra: &[(&str, Value)]| -> Value {
            match m {
                None => Value::Null,
                Some(mut m) => {
                    for (k, v) in extra {
                        m.insert((*k).into(), v.clone());
                    }
                    Value::Object(m)
                }
            }
        };
        let merge = |v: &mut Value, extra: Option<String>| -> Result<(), StoreError> {
            if let (Some(x), Value::Object(m)) = (extra, v) {
                if let Value::Object(x) = serde_json::from_str::<Value>(&x)? {
                    m.extend(x);
                }
            }
            Ok(())
        };

        let mut actors = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT char_start, char_end, text, kind, code, country, sector, entity, entry, extra
             FROM actors WHERE article_pk = ?1 ORDER BY idx",
        )?;
        let mut rows = st.query([pk])?;
        while let Some(r) = rows.next()? {
            let mut v = with(
                span(r.get(0)?, r.get(1)?, r.get(2)?),
                &[
                    ("kind", json!(r.get::<_, Option<String>>(3)?)),
                    ("code", json!(r.get::<_, Option<String>>(4)?)),
                    ("country", json!(r.get::<_, Option<String>>(5)?)),
                    ("sector", json!(r.get::<_, Option<String>>(6)?)),
                    ("entity", json!(r.get::<_, Option<String>>(7)?)),
                    ("entry", json!(r.get::<_, Option<String>>(8)?)),
                ],
            );
            merge(&mut v, r.get(9)?)?;
            actors.push(v);
        }

        let mut events = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT cameo, plover, mode, source_start, source_end, source_text, source_code,
                    target_start, target_end, target_text, target_code, negated, modality, date, date_source,
                    location_start, location_end, location_text, location_code, sentence,
                    trigger_start, trigger_end, trigger_text, rule, quad_class, goldstein, quote, extra
             FROM events WHERE article_pk = ?1 ORDER BY idx",
        )?;
        let mut rows = st.query([pk])?;
        while let Some(r) = rows.next()? {
            let s = |i: usize| -> rusqlite::Result<Value> { Ok(json!(r.get::<_, Option<String>>(i)?)) };
            let actor = |i: usize| -> rusqlite::Result<Value> {
                Ok(with(span(r.get(i)?, r.get(i + 1)?, r.get(i + 2)?), &[("code", s(i + 3)?)]))
            };
            let mut v = json!({
                "cameo": s(0)?, "plover": s(1)?, "mode": s(2)?,
                "source": actor(3)?, "target": actor(7)?,
                "negated": json!(r.get::<_, Option<bool>>(11)?), "modality": s(12)?,
                "date": s(13)?, "date_source": s(14)?,
                "location": actor(15)?,
                "sentence": json!(r.get::<_, Option<i64>>(19)?),
                "trigger": with(span(r.get(20)?, r.get(21)?, r.get(22)?), &[]),
                "rule": s(23)?,
                "quad_class": json!(r.get::<_, Option<i64>>(24)?),
                "goldstein": json!(r.get::<_, Option<f64>>(25)?),
                "quote": json!(r.get::<_, Option<i64>>(26)?),
            });
            merge(&mut v, r.get(27)?)?;
            events.push(v);
        }

        let mut quotes = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT kind, content_start, content_end, content_text, cue_start, cue_end, cue_text,
                    speaker_start, speaker_end, speaker_text, speaker_entity, speaker_code, rule, extra
             FROM quotes WHERE article_pk = ?1 ORDER BY idx",
        )?;
        let mut rows = st.query([pk])?;
        while let Some(r) = rows.next()? {
            let mut v = json!({
                "kind": json!(r.get::<_, Option<String>>(0)?),
                "content": with(span(r.get(1)?, r.get(2)?, r.get(3)?), &[]),
                "cue": with(span(r.get(4)?, r.get(5)?, r.get(6)?), &[]),
                "speaker": with(span(r.get(7)?, r.get(8)?, r.get(9)?), &[
                    ("entity", json!(r.get::<_, Option<String>>(10)?)),
                    ("code", json!(r.get::<_, Option<String>>(11)?)),
                ]),
                "rule": json!(r.get::<_, Option<String>>(12)?),
            });
            merge(&mut v, r.get(13)?)?;
            quotes.push(v);
        }

        let mut times = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT char_start, char_end, text, type, value, rule, extra FROM times WHERE article_pk = ?1 ORDER BY idx",
        )?;
        let mut rows = st.query([pk])?;
        while let Some(r) = rows.next()? {
            let mut v = with(
                span(r.get(0)?, r.get(1)?, r.get(2)?),
                &[
                    ("type", json!(r.get::<_, Option<String>>(3)?)),
                    ("value", json!(r.get::<_, Option<String>>(4)?)),
                    ("rule", json!(r.get::<_, Option<String>>(5)?)),
                ],
            );
            merge(&mut v, r.get(6)?)?;
            times.push(v);
        }

        let mut errors = Vec::new();
        let mut st =
            self.conn.prepare_cached("SELECT stage, message FROM errors WHERE article_pk = ?1 ORDER BY pk")?;
        let mut rows = st.query([pk])?;
        while let Some(r) = rows.next()? {
            errors.push(json!({"stage": r.get::<_, String>(0)?, "message": r.get::<_, String>(1)?}));
        }

        let mut st = self.conn.prepare_cached(
            "SELECT id, title, url, source, date, text, sentences, extra FROM articles WHERE pk = ?1",
        )?;
        let mut rows = st.query([pk])?;
        let r = rows.next()?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
        let text: String = r.get(5)?;
        let sentences: String = r.get(6)?;
        let extra: Option<String> = r.get(7)?;
        let meta: [Option<String>; 5] = [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?];
        let [id, title, url, source, date] = meta;
        let pairs: Vec<(i64, i64)> = serde_json::from_str(&sentences)?;
        let sentences: Vec<Value> = pairs.iter().map(|(s, e)| json!({"start": s, "end": e})).collect();
        let mut v = json!({
            "id": id, "title": title, "url": url, "source": source, "date": date, "text": text,
            "sentences": sentences, "actors": actors, "events": events, "quotes": quotes, "times": times,
            "errors": errors,
        });
        merge(&mut v, extra)?;
        Ok(v)
    }

    fn export_jsonl(&self, out: &mut dyn Write) -> Result<usize, StoreError> {
        let pks: Vec<i64> = {
            let mut st = self.conn.prepare("SELECT pk FROM articles ORDER BY pk")?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for &pk in &pks {
            serde_json::to_writer(&mut *out, &self.article_json(pk)?)?;
            out.write_all(b"\n")?;
        }
        Ok(pks.len())
    }

    fn actor_at(&self, article: i64, start: Option<i64>, end: Option<i64>) -> Result<ActorInfo, StoreError> {
        let (Some(s), Some(e)) = (start, end) else { return Ok((None, None, None, None)) };
        Ok(self
            .conn
            .prepare_cached(
                "SELECT entity, country, sector, kind FROM actors
                 WHERE article_pk = ?1 AND char_start = ?2 AND char_end = ?3 ORDER BY idx LIMIT 1",
            )?
            .query_row(params![article, s, e], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?
            .unwrap_or((None, None, None, None)))
    }

    fn export_gdelt(&self, out: &mut dyn Write) -> Result<usize, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT g.group_id, g.num_mentions, g.num_sources, g.num_articles, g.is_root,
                    e.cameo, e.quad_class, e.goldstein, e.event_date, e.article_pk,
                    e.source_code, e.source_text, e.source_start, e.source_end,
                    e.target_code, e.target_text, e.target_start, e.target_end,
                    e.location_text, e.location_start, e.location_end,
                    a.date, a.url, a.id, a.ingested_at
             FROM event_groups g JOIN events e ON e.pk = g.group_id JOIN articles a ON a.pk = e.article_pk
             WHERE g.is_fact = 1 ORDER BY g.group_id",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let mut c: Vec<String> = vec![String::new(); 61];
            c[0] = r.get::<_, i64>(0)?.to_string();
            let event_date: Option<String> = r.get(8)?;
            let article_date: Option<String> = r.get(21)?;
            // A coarse event date (a month, a year) cannot fill a day column; GDELT's own rows
            // then carry the publication day, and so do these.
            if let Some((y, m, d)) = event_date.as_deref().and_then(ymd).or_else(|| article_date.as_deref().and_then(ymd)) {
                c[1] = format!("{y:04}{m:02}{d:02}");
                c[2] = format!("{y:04}{m:02}");
                c[3] = format!("{y:04}");
                c[4] = format!("{:.4}", f64::from(y) + f64::from(m * 30 + d) / 365.0);
            }
            let article: i64 = r.get(9)?;
            for (base, col) in [(5usize, 10usize), (15, 14)] {
                let code: Option<String> = r.get(col)?;
                let text: Option<String> = r.get(col + 1)?;
                let (entity, country, sector, _) = self.actor_at(article, r.get(col + 2)?, r.get(col + 3)?)?;
                c[base] = tsv(code.as_deref().unwrap_or(""));
                c[base + 1] = tsv(&entity.or(text).unwrap_or_default().to_uppercase());
                c[base + 2] = tsv(country.as_deref().unwrap_or(""));
                c[base + 7] = tsv(sector.as_deref().unwrap_or(""));
            }
            c[25] = r.get::<_, i64>(4)?.to_string();
            let cameo: String = r.get::<_, Option<String>>(5)?.unwrap_or_default();
            c[26] = tsv(&cameo);
            c[27] = tsv(&cameo.chars().take(3).collect::<String>());
            c[28] = tsv(&cameo.chars().take(2).collect::<String>());
            c[29] = r.get::<_, Option<i64>>(6)?.map(|q| q.to_string()).unwrap_or_default();
            c[30] = r.get::<_, Option<f64>>(7)?.map(|g| format!("{g:.1}")).unwrap_or_default();
            c[31] = r.get::<_, i64>(1)?.to_string();
            c[32] = r.get::<_, i64>(2)?.to_string();
            c[33] = r.get::<_, i64>(3)?.to_string();
            // Tone is not analysed: 0 is GDELT's neutral value.
            c[34] = "0".into();
            c[35] = "0".into();
            c[43] = "0".into();
            // ActionGeo: the event's location as named in the text; GDELT's geo types are
            // 1 country, 4 world city, 5 world state/region. FIPS codes and coordinates are not
            // known to dragoman and stay empty.
            c[51] = "0".into();
            if let Some(place) = r.get::<_, Option<String>>(18)? {
                let (entity, _, _, kind) = self.actor_at(article, r.get(19)?, r.get(20)?)?;
                c[51] = match kind.as_deref() {
                    Some("country") => "1",
                    Some("city") => "4",
                    Some("region") => "5",
                    _ => "0",
                }
                .into();
                c[52] = tsv(&entity.unwrap_or(place));
            }
            let added: String = r.get(24)?;
            c[59] = added.chars().filter(char::is_ascii_digit).collect();
            c[60] = tsv(&r.get::<_, Option<String>>(22)?.unwrap_or(r.get::<_, String>(23)?));
            writeln!(out, "{}", c.join("\t"))?;
            n += 1;
        }
        Ok(n)
    }

    fn export_plover(&self, out: &mut dyn Write) -> Result<usize, StoreError> {
        const QUAD: [&str; 4] = ["V-COOP", "M-COOP", "V-CONF", "M-CONF"];
        let mut st = self.conn.prepare(
            "SELECT g.group_id, g.group_key, g.num_mentions, g.num_sources, g.num_articles,
                    e.event_date, e.plover, e.mode, e.cameo, e.quad_class, e.goldstein, e.modality, e.negated,
                    e.article_pk, e.source_code, e.source_text, e.source_start, e.source_end,
                    e.target_code, e.target_text, e.target_start, e.target_end, e.location_text, e.location_code,
                    a.title, a.outlet, a.date, a.id
             FROM event_groups g JOIN events e ON e.pk = g.group_id JOIN articles a ON a.pk = e.article_pk
             WHERE e.plover IS NOT NULL ORDER BY g.group_id",
        )?;
        let mut mentions = self.conn.prepare(
            "SELECT e.pk, a.id, a.url, a.outlet, a.date, e.sentence, e.sentence_start, e.sentence_end,
                    e.sentence_text, e.trigger_text, e.rule
             FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.group_key = ?1 ORDER BY e.pk",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let article: i64 = r.get(13)?;
            let party = |col: usize| -> Result<Value, StoreError> {
                let code: Option<String> = r.get(col)?;
                let text: Option<String> = r.get(col + 1)?;
                if code.is_none() && text.is_none() {
                    return Ok(Value::Null);
                }
                let (entity, country, sector, _) = self.actor_at(article, r.get(col + 2)?, r.get(col + 3)?)?;
                Ok(json!({"name": entity, "name_raw": text, "code": code, "country": country, "sector": sector}))
            };
            let (actor, recipient) = (party(14)?, party(18)?);
            let key: String = r.get(1)?;
            let evidence: Vec<Value> = mentions
                .query_map([&key], |m| {
                    Ok(json!({
                        "mention_id": m.get::<_, i64>(0)?, "story_id": m.get::<_, String>(1)?,
                        "url": m.get::<_, Option<String>>(2)?, "source": m.get::<_, String>(3)?,
                        "publication_date": m.get::<_, Option<String>>(4)?,
                        "sentence": m.get::<_, Option<i64>>(5)?,
                        "sentence_start": m.get::<_, Option<i64>>(6)?, "sentence_end": m.get::<_, Option<i64>>(7)?,
                        "sentence_text": m.get::<_, Option<String>>(8)?,
                        "trigger": m.get::<_, Option<String>>(9)?, "rule": m.get::<_, Option<String>>(10)?,
                    }))
                })?
                .collect::<Result<_, _>>()?;
            let quad: Option<i64> = r.get(9)?;
            let v = json!({
                "event_id": r.get::<_, i64>(0)?,
                "event_date": r.get::<_, Option<String>>(5)?,
                "event_type": r.get::<_, Option<String>>(6)?,
                "event_mode": r.get::<_, Option<String>>(7)?,
                "contexts": [],
                "quad_code": quad.and_then(|q| usize::try_from(q - 1).ok()).and_then(|i| QUAD.get(i)),
                "cameo": r.get::<_, Option<String>>(8)?,
                "goldstein": r.get::<_, Option<f64>>(10)?,
                "modality": r.get::<_, Option<String>>(11)?,
                "negated": r.get::<_, Option<bool>>(12)?,
                "actor": actor,
                "recipient": recipient,
                "placename": r.get::<_, Option<String>>(22)?,
                "place_code": r.get::<_, Option<String>>(23)?,
                "headline": r.get::<_, Option<String>>(24)?,
                "source": r.get::<_, String>(25)?,
                "publication_date": r.get::<_, Option<String>>(26)?,
                "story_id": r.get::<_, String>(27)?,
                "num_mentions": r.get::<_, i64>(2)?,
                "num_sources": r.get::<_, i64>(3)?,
                "num_articles": r.get::<_, i64>(4)?,
                "mentions": evidence,
            });
            serde_json::to_writer(&mut *out, &v)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_only() {
        type Ymd = Option<(u32, u32, u32)>;
        let cases: &[(&str, Ymd)] = &[
            ("2022-02-23", Some((2022, 2, 23))),
            ("2022-02", None),
            ("2022", None),
            ("2022-13-01", None),
            ("2022-0a-01", None),
            ("PAST_REF", None),
        ];
        for (s, want) in cases {
            assert_eq!(ymd(s), *want, "{s}");
        }
    }

    #[test]
    fn format_names() {
        for (name, f) in ExportFormat::ALL {
            assert_eq!(name.parse::<ExportFormat>().ok(), Some(*f));
        }
        assert!("xlsx".parse::<ExportFormat>().is_err());
    }
}
