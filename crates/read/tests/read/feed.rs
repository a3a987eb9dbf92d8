//! RSS 2.0 and Atom feeds, written here.

use crate::{error, outcomes, read};
use dragoman_read::{Format, ReadErrorKind as K, Skipped};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Harbour Gazette - Local</title>
  <link>https://news.example.org/</link>
  <description>Local news from the harbour towns</description>
  <item>
    <title>Fishermen end harbour strike</title>
    <link>https://news.example.org/strike</link>
    <guid isPermaLink="false">gazette-1001</guid>
    <pubDate>Tue, 22 Feb 2022 00:30:00 +0100</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>Fishermen voted to end the strike.</p><p>Boats leave on Wednesday.</p>]]></content:encoded>
  </item>
  <item>
    <title>Council approves &lt;b&gt;new&lt;/b&gt; bridge</title>
    <link>https://news.example.org/bridge</link>
    <guid>https://news.example.org/bridge</guid>
    <pubDate>Wed, 23 Feb 2022 18:00:00 GMT</pubDate>
    <description>&lt;p&gt;The council approved a second bridge &amp;amp; a new road.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline only</title>
    <link>https://news.example.org/headline</link>
    <guid>gazette-1003</guid>
  </item>
  <item>
    <description>No guid, no title, no date: the text is still read.</description>
  </item>
</channel>
</rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Island Ferry Notices</title>
  <id>urn:example:ferry</id>
  <updated>2022-03-05T12:00:00Z</updated>
  <entry>
    <title type="html">Winter &lt;em&gt;timetable&lt;/em&gt;</title>
    <id>urn:example:ferry:1</id>
    <link rel="enclosure" href="https://ferry.example.net/winter.pdf"/>
    <link rel="alternate" href="https://ferry.example.net/winter"/>
    <published>2022-03-01T00:15:00+02:00</published>
    <updated>2022-03-02T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The ferry will run twice a day.&lt;/p&gt;&lt;p&gt;Sailings leave at seven and at five.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Extra sailings</title>
    <id>urn:example:ferry:2</id>
    <link href="https://ferry.example.net/extra"/>
    <updated>2022-03-05T12:00:00Z</updated>
    <summary>Extra sailings at short notice for medical emergencies.</summary>
  </entry>
</feed>"#;

type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>, String);

fn rows(bytes: &[u8], name: &str) -> (Vec<Row>, dragoman_read::ReadStats) {
    let (records, stats) = read(bytes, name, Format::from_path(std::path::Path::new(name)));
    let rows = records
        .into_iter()
        .map(|r| {
            let d = r.expect("every item reads");
            (d.meta.id, d.meta.title, d.meta.url, d.meta.date, d.meta.source, d.text)
        })
        .collect();
    (rows, stats)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn rss_items() {
    let (rows, stats) = rows(RSS.as_bytes(), "gazette.rss");
    assert_eq!(rows.len(), 3);
    let source = s("The Harbour Gazette - Local");
    // Full content wins over the teaser; 00:30 +0100 stays on the 22nd (UTC would say the 21st).
    assert_eq!(rows[0], ("gazette-1001".into(), s("Fishermen end harbour strike"), s("https://news.example.org/strike"), s("2022-02-22"), source.clone(), "Fishermen voted to end the strike.\n\nBoats leave on Wednesday.".into()));
    // Escaped HTML in title and description is stripped, entities decoded once.
    assert_eq!(rows[1], ("https://news.example.org/bridge".into(), s("Council approves new bridge"), s("https://news.example.org/bridge"), s("2022-02-23"), source.clone(), "The council approved a second bridge & a new road.".into()));
    // No guid: feed-rs makes a stable id; no date stays no date.
    assert!(!rows[2].0.is_empty());
    assert_eq!((rows[2].1.clone(), rows[2].3.clone(), rows[2].5.as_str()), (None, None, "No guid, no title, no date: the text is still read."));
    assert_eq!((stats.documents, stats.errors, stats.skipped), (3, 0, Skipped { no_text: 1, ..Skipped::default() }));
}

#[test]
fn atom_entries() {
    let (rows, stats) = rows(ATOM.as_bytes(), "ferry.atom");
    let source = s("Island Ferry Notices");
    assert_eq!(rows[0].0, "urn:example:ferry:1");
    assert_eq!((rows[0].1.clone(), rows[0].2.clone(), rows[0].3.clone(), rows[0].4.clone()), (s("Winter timetable"), s("https://ferry.example.net/winter"), s("2022-03-01"), source.clone()));
    assert_eq!(rows[0].5, "The ferry will run twice a day.\n\nSailings leave at seven and at five.");
    // No `published`: `updated` dates the entry.
    assert_eq!(rows[1], ("urn:example:ferry:2".into(), s("Extra sailings"), s("https://ferry.example.net/extra"), s("2022-03-05"), source, "Extra sailings at short notice for medical emergencies.".into()));
    assert_eq!((stats.documents, stats.errors, stats.skipped.total()), (2, 0, 0));
}

#[test]
fn bad_feeds() {
    let truncated = &RSS[..RSS.find("<item>").expect("an item") + 40];
    for (what, bytes, name, want) in [
        ("XML that is not a feed", &b"<?xml version=\"1.0\"?><sitemap><url>https://news.example.org/</url></sitemap>"[..], "sitemap.xml", vec![error(K::Feed, "sitemap.xml")]),
        ("not XML at all", b"Khan visited Moscow.", "notes.rss", vec![error(K::Feed, "notes.rss")]),
        ("truncated feed", truncated.as_bytes(), "cut.rss", vec![error(K::Feed, "cut.rss")]),
        ("empty file", b"", "empty.rss", vec![error(K::Empty, "empty.rss")]),
        ("binary file", b"\x89PNG\r\n\x1a\n\x00\x00", "logo.xml", vec![error(K::Binary, "logo.xml")]),
    ] {
        let (records, stats) = read(bytes, name, Format::from_path(std::path::Path::new(name)));
        assert_eq!(outcomes(&records), want, "{what}");
        assert_eq!((stats.documents, stats.errors), (0, 1), "{what}");
    }
}
