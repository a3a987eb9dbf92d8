//! RSS 2.0, Atom (and, through `feed-rs`, RSS 0.x/1.0 and JSON Feed): one document per item.
//!
//! An item's text is its full content when the feed carries it (`content:encoded`, Atom
//! `<content>`), else its summary (`<description>`, `<summary>`); HTML in either is turned into
//! text with paragraph breaks. Items with neither are counted as skipped, not errors: many feeds
//! are headlines only, and that is not damage.
//!
//! Dates are the **local calendar date** the feed wrote: `Tue, 22 Feb 2022 00:30:00 +0100` is
//! 2022-02-22. `feed-rs` converts timestamps to UTC, which would move that item to the 21st and
//! shift every relative time expression in it by a day, so we give it our own timestamp parser
//! that keeps the written date.

use crate::{err, normalise_date, Out, ReadErrorKind, MAX_RECORD_BYTES};
use chrono::{DateTime, NaiveDate, Utc};
use dragoman_doc::{Document, Meta};

pub(crate) fn read(bytes: &[u8], location: &str, out: &mut Out) {
    let parser = feed_rs::parser::Builder::new().timestamp_parser(local_date).build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(e) => return out.emit(Err(err(ReadErrorKind::Feed, location, format!("not a readable RSS, Atom or JSON feed: {e}")))),
    };
    let source = feed.title.as_ref().map(|t| plain(&t.content)).filter(|t| !t.is_empty());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let loc = format!("{location}#{}", i + 1);
        let body = entry.content.as_ref().and_then(|c| c.body.as_deref()).filter(|b| !b.trim().is_empty());
        let body = body.or(entry.summary.as_ref().map(|s| s.content.as_str()));
        let text = body.map(plain).unwrap_or_default();
        if text.is_empty() {
            out.skipped().no_text += 1;
            continue;
        }
        if text.len() > MAX_RECORD_BYTES {
            let message = format!("item text of {} bytes is over the {} MiB limit for one record", text.len(), MAX_RECORD_BYTES >> 20);
            out.emit(Err(err(ReadErrorKind::TooLarge, loc, message)));
            continue;
        }
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let date = entry.published.or(entry.updated).map(|d| d.date_naive().to_string());
        let meta = Meta {
            id: if entry.id.is_empty() { loc } else { entry.id },
            title: entry.title.map(|t| plain(&t.content)).filter(|t| !t.is_empty()),
            url,
            source: source.clone(),
            date,
        };
        out.emit(Ok(Document::with_meta(text, meta)));
    }
}

/// Feed text to plain text: HTML parsed (entities decoded, tags dropped, blocks kept apart).
fn plain(text: &str) -> String {
    if text.contains(['<', '&']) {
        dom_query::Document::fragment(text).formatted_text().trim().to_string()
    } else {
        text.trim().to_string()
    }
}

/// The calendar date a feed timestamp was written with, as midnight "UTC" so that `feed-rs`
/// keeps it unchanged. Reads RFC 3339 (`2022-02-22T00:30:00+01:00`) and RFC 822/2822
/// (`Tue, 22 Feb 2022 00:30:00 +0100`, two-digit years, full month names).
fn local_date(s: &str) -> Option<DateTime<Utc>> {
    let date = match normalise_date(s) {
        Some(iso) => NaiveDate::parse_from_str(&iso, "%Y-%m-%d").ok()?,
        None => rfc822_date(s)?,
    };
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

fn rfc822_date(s: &str) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let mut words = s.split([' ', ',', '\t']).filter(|w| !w.is_empty());
    let mut first = words.next()?;
    if first.starts_with(|c: char| c.is_ascii_alphabetic()) {
        first = words.next()?; // the weekday
    }
    let day: u32 = first.parse().ok()?;
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| month.starts_with(m))? as u32 + 1;
    let year = words.next()?;
    let year: i32 = match (year.len(), year.parse::<i32>().ok()?) {
        (4, y) => y,
        // RFC 822's two-digit years: the feeds that still use them are from this century.
        (2, y) => 2000 + y,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_the_written_day() {
        for (input, want) in [
            ("Tue, 22 Feb 2022 00:30:00 +0100", Some("2022-02-22")),
            ("Tue, 22 Feb 2022 23:30:00 -0500", Some("2022-02-22")),
            ("22 February 2022 10:00 GMT", Some("2022-02-22")),
            ("Tue, 22 Feb 22 10:00:00 GMT", Some("2022-02-22")),
            ("2022-02-22T00:30:00+01:00", Some("2022-02-22")),
            ("2022-02-22", Some("2022-02-22")),
            ("Mon, 31 Feb 2022 10:00:00 GMT", None),
            ("yesterday", None),
        ] {
            assert_eq!(local_date(input).map(|d| d.date_naive().to_string()).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn html_to_text() {
        assert_eq!(plain("<p>Khan met Putin.</p><p>They spoke &amp; ate.</p>"), "Khan met Putin.\n\nThey spoke & ate.");
        assert_eq!(plain("  AT&T rose.  "), "AT&T rose.");
        assert_eq!(plain("No markup."), "No markup.");
    }
}
