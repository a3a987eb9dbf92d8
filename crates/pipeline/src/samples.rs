//! Short news-style articles written for dragoman about real public events, embedded so that
//! `dragoman analyze` with no arguments shows what the engine does. Quotations in them are
//! illustrative, not verbatim records.

use dragoman_doc::{Document, Meta};

/// `(id, publication date, text)` of each sample.
pub const SAMPLES: &[(&str, &str, &str)] = &[
    ("sample:modi-washington", "2023-06-21", include_str!("../samples/modi-washington.txt")),
    ("sample:xi-moscow", "2023-03-20", include_str!("../samples/xi-moscow.txt")),
    ("sample:vilnius-nato", "2023-07-10", include_str!("../samples/vilnius-nato.txt")),
];

/// The samples as documents, with id, title (first line) and date.
pub fn documents() -> Vec<Document> {
    SAMPLES
        .iter()
        .map(|(id, date, text)| {
            let title = text.lines().next().map(str::to_string);
            Document::with_meta(*text, Meta { id: (*id).into(), title, date: Some((*date).into()), ..Default::default() })
        })
        .collect()
}
