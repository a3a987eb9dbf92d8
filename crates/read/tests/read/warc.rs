//! WARC: plain, per-record gzip (Common Crawl's layout), whole-file gzip; damage of every kind.

use crate::{article, doc, error, gzip, outcomes, read, Want};
use dragoman_read::{Format, ReadErrorKind as K, Skipped};

fn uuid(n: u32) -> String {
    format!("urn:uuid:00000000-0000-4000-8000-{n:012}")
}

fn record_with_length(kind: &str, id: u32, headers: &[(&str, &str)], block: &[u8], length: &str) -> Vec<u8> {
    let mut out = format!("WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{}>\r\n", uuid(id)).into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn record(kind: &str, id: u32, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    record_with_length(kind, id, headers, block, &block.len().to_string())
}

fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

const HTTP_RESPONSE: (&str, &str) = ("Content-Type", "application/http; msgtype=response");

fn response(id: u32, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    record("response", id, &[("WARC-Target-URI", uri), ("WARC-Date", date), HTTP_RESPONSE], block)
}

fn html_response(id: u32, uri: &str, date: &str, html: &[u8]) -> Vec<u8> {
    response(id, uri, date, &http("200 OK", &[("Content-Type", "text/html; charset=UTF-8")], html))
}

fn page(n: usize) -> String {
    let (title, paragraphs): (&str, [&str; 3]) = match n {
        0 => ("Fishermen end harbour strike", [
            "Fishermen's unions in the port city voted on Monday to end a strike that had kept the fleet in harbour for three weeks, their leaders told reporters outside the town hall.",
            "The agreement raises the minimum price paid for the morning catch and sets up a joint committee with the fish market to review prices every quarter, according to a copy seen by this newspaper.",
            "Boats are expected to leave before dawn on Wednesday, weather permitting, and the market said it would open an hour early to handle the first landings since the dispute began.",
        ]),
        1 => ("Council approves new bridge", [
            "The regional council approved plans for a second bridge across the estuary on Tuesday evening, ending a debate that has divided the two towns on either bank for more than a decade.",
            "Supporters argued that the old crossing can no longer carry the lorries that serve the container terminal, while opponents warned about the cost and the loss of the wetland reserve.",
            "Construction is due to begin next spring and should take four years; the council said tolls would be charged only on heavy goods vehicles and would end once the loan is repaid.",
        ]),
        2 => ("Café owners protest new rules", [
            "Café owners gathered in the old square on Thursday to protest against new rules limiting the number of tables that may be set out on the pavement during the summer months.",
            "The mayor's office said the rules were needed to keep the narrow streets passable for ambulances and delivery vans, and promised to review them after the first season.",
            "Several owners said they would lose a third of their income if the rules stayed as written, and a petition against them has gathered several thousand signatures this week.",
        ]),
        3 => ("Library reopens after flood", [
            "The central library reopened its doors on Saturday, eight months after a burst water main flooded its basement archive and forced the building to close for repairs.",
            "Volunteers spent the winter drying and cataloguing some twelve thousand damaged books and maps, most of which have now been saved, the head librarian said at the reopening.",
            "A new reading room for schoolchildren has been added on the ground floor, and the archive itself has moved to the upper storey, out of reach of any future flood.",
        ]),
        4 => ("Ferry service cut in winter", [
            "The island ferry will run only twice a day from November to March, the operator announced on Friday, citing falling passenger numbers and the rising cost of fuel.",
            "Islanders said the cut would make it harder to reach the hospital on the mainland and to keep shops supplied, and their councillor promised to raise the matter with ministers.",
            "The operator said it would add extra sailings at short notice for medical emergencies and during the school holidays, and would review the timetable again next year.",
        ]),
        5 => ("Rail strike called off", [
            "Train drivers called off a planned two-day strike late on Sunday after talks with the rail company produced a new offer on pay and working hours, the drivers' union said.",
            "Members will vote on the offer over the next fortnight; the union's negotiators said they would recommend accepting it, though some branches have already voiced doubts.",
            "Services will run normally on Monday and Tuesday, the company said, apologising to passengers for the uncertainty of the past week and thanking them for their patience.",
        ]),
        _ => ("Market hall to be restored", [
            "The covered market hall, closed since its roof was damaged in a storm last winter, will be restored with money from a national heritage fund, the city announced on Monday.",
            "Traders who moved to temporary stalls in the car park welcomed the news but asked for help with rents until they can return, which the city said it would consider.",
            "Architects will keep the iron frame and the glass lantern of the original building and add a small stage for concerts and a play area for children at the eastern end.",
        ]),
    };
    let published = (n == 0).then_some("2022-02-22T08:00:00Z");
    article(title, published, &paragraphs)
}

/// What one input record should give; locations are filled in once the file is laid out.
#[derive(Clone, Copy)]
enum Expect {
    Doc(u32),
    Error(K),
    Skip,
    /// Swallowed by the damaged record before it.
    Lost,
}

/// The damage table: every case of a WARC file, in file order.
fn cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    let huge = vec![b'a'; dragoman_read::MAX_RECORD_BYTES + 1];
    // The same page in ISO-8859-1: every character of it is below U+0100.
    let latin1: Vec<u8> = page(2).chars().map(|c| u8::try_from(u32::from(c)).expect("a latin-1 page")).collect();
    let mut invalid = page(3).into_bytes();
    invalid.extend_from_slice(b"<p>caf\xe9</p>");
    let mut binary = page(4).into_bytes();
    binary[200] = 0;
    let too_long_page = page(5);
    let mut gzipped_chunked = Vec::new();
    for chunk in gzip(page(6).as_bytes()).chunks(500) {
        gzipped_chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        gzipped_chunked.extend_from_slice(chunk);
        gzipped_chunked.extend_from_slice(b"\r\n");
    }
    gzipped_chunked.extend_from_slice(b"0\r\n\r\n");
    let long_line = "x".repeat(100 << 10);
    // Declared only in the page itself, in a charset other than UTF-8 or Latin-1.
    let cyrillic = page(4).replace("<head>", "<head><meta charset=\"windows-1251\">").replace("</article>", "<p>Паром будет ходить дважды в день.</p></article>");
    let cyrillic = encoding_rs::WINDOWS_1251.encode(&cyrillic).0.into_owned();
    vec![
        ("warcinfo", record("warcinfo", 1, &[("Content-Type", "application/warc-fields")], b"software: hand-written test\r\n"), Expect::Skip),
        ("request", record("request", 2, &[("WARC-Target-URI", "https://news.example.org/a"), ("Content-Type", "application/http; msgtype=request")], b"GET /a HTTP/1.1\r\nHost: news.example.org\r\n\r\n"), Expect::Skip),
        ("page with its own date", html_response(3, "https://news.example.org/a", "2022-02-23T10:00:00Z", page(0).as_bytes()), Expect::Doc(3)),
        ("metadata", record("metadata", 4, &[("Content-Type", "application/warc-fields")], b"fetchTimeMs: 120\r\n"), Expect::Skip),
        ("image", response(5, "https://news.example.org/a.jpg", "2022-02-23T10:00:01Z", &http("200 OK", &[("Content-Type", "image/jpeg")], b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")), Expect::Skip),
        ("redirect", response(6, "https://news.example.org/b", "2022-02-23T10:00:02Z", &http("301 Moved Permanently", &[("Location", "/b/"), ("Content-Type", "text/html")], b"<html>moved</html>")), Expect::Skip),
        ("page dated by WARC-Date", html_response(7, "https://www.example.com:8443/b/?x=1", "2022-02-24T01:00:00Z", page(1).as_bytes()), Expect::Doc(7)),
        ("Content-Length not a number", record_with_length("response", 8, &[HTTP_RESPONSE], b"HTTP/1.1 200 OK\r\n\r\n<html></html>", "abc"), Expect::Error(K::Warc)),
        ("invalid UTF-8, no charset", response(9, "https://news.example.org/c", "2022-02-24T02:00:00Z", &http("200 OK", &[("Content-Type", "text/html")], &invalid)), Expect::Error(K::InvalidUtf8)),
        ("windows-1252 declared", response(10, "https://news.example.org/d", "2022-02-24T03:00:00Z", &http("200 OK", &[("Content-Type", "text/html; charset=ISO-8859-1")], &latin1)), Expect::Doc(10)),
        ("NUL bytes in the page", html_response(11, "https://news.example.org/e", "2022-02-24T04:00:00Z", &binary), Expect::Error(K::Binary)),
        ("empty page", html_response(12, "https://news.example.org/f", "2022-02-24T05:00:00Z", b""), Expect::Error(K::Empty)),
        ("payload over the limit", html_response(13, "https://news.example.org/g", "2022-02-24T06:00:00Z", &huge), Expect::Error(K::TooLarge)),
        ("Content-Length 10 too short", record_with_length("response", 14, &[HTTP_RESPONSE], &http("200 OK", &[("Content-Type", "text/html")], page(1).as_bytes()), &(http("200 OK", &[("Content-Type", "text/html")], page(1).as_bytes()).len() - 10).to_string()), Expect::Error(K::Warc)),
        ("revisit after a resync", record("revisit", 15, &[("WARC-Target-URI", "https://news.example.org/a")], b""), Expect::Skip),
        ("garbage between records", b"this is not a WARC record\r\nnor is this line\r\n".to_vec(), Expect::Error(K::Warc)),
        ("page after garbage", html_response(17, "https://news.example.org/h", "2022-02-25T00:00:00Z", page(3).as_bytes()), Expect::Doc(17)),
        ("Content-Length 40 too long", record_with_length("response", 18, &[HTTP_RESPONSE], &http("200 OK", &[("Content-Type", "text/html")], too_long_page.as_bytes()), &(http("200 OK", &[("Content-Type", "text/html")], too_long_page.as_bytes()).len() + 40).to_string()), Expect::Error(K::Warc)),
        ("page eaten by the record before", html_response(19, "https://news.example.org/i", "2022-02-25T01:00:00Z", page(4).as_bytes()), Expect::Lost),
        ("100 KiB header line", record("response", 20, &[("X-Long", &long_line), HTTP_RESPONSE], &http("200 OK", &[("Content-Type", "text/html")], page(5).as_bytes())), Expect::Error(K::Warc)),
        ("gzip content, chunked transfer", response(21, "https://news.example.org/j", "2022-02-25T02:00:00Z", &http("200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")], &gzipped_chunked)), Expect::Doc(21)),
        ("no Content-Type, HTML body", response(22, "https://news.example.org/k", "2022-02-25T03:00:00Z", &http("200 OK", &[], page(6).as_bytes())), Expect::Doc(22)),
        ("no Content-Type, PDF body", response(23, "https://news.example.org/l.pdf", "2022-02-25T04:00:00Z", &http("200 OK", &[], b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")), Expect::Skip),
        ("DNS response", record("response", 24, &[("WARC-Target-URI", "dns:news.example.org"), ("Content-Type", "text/dns")], b"20220225040000\nnews.example.org. 300 IN A 192.0.2.1\n"), Expect::Skip),
        ("windows-1251 declared in a meta tag", response(25, "https://news.example.org/m", "2022-02-25T05:00:00Z", &http("200 OK", &[("Content-Type", "text/html")], &cyrillic)), Expect::Doc(25)),
    ]
}

/// The records each case should give, given where each case starts in the file.
fn expected(cases: &[(&str, Vec<u8>, Expect)], name: &str, offsets: &[usize]) -> Vec<Want> {
    cases
        .iter()
        .zip(offsets)
        .filter_map(|((_, _, expect), offset)| match *expect {
            Expect::Doc(id) => Some(doc(&uuid(id))),
            Expect::Error(kind) => Some(error(kind, format!("{name}@{offset}"))),
            Expect::Skip | Expect::Lost => None,
        })
        .collect()
}

fn layout(parts: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for p in parts {
        offsets.push(file.len());
        file.extend_from_slice(p);
    }
    (file, offsets)
}

const WANT_SKIPPED: Skipped = Skipped { non_response: 4, not_html: 3, http_status: 1, no_text: 0 };

#[test]
fn plain_warc_damage_table() {
    let cases = cases();
    let (file, offsets) = layout(&cases.iter().map(|c| c.1.clone()).collect::<Vec<_>>());
    let (records, stats) = read(&file, "crawl.warc", Format::Warc);
    assert_eq!(outcomes(&records), expected(&cases, "crawl.warc", &offsets));
    assert_eq!((stats.documents, stats.errors, stats.skipped), (7, 9, WANT_SKIPPED));
}

#[test]
fn per_record_gzip_damage_table() {
    let cases = cases();
    let (file, offsets) = layout(&cases.iter().map(|c| gzip(&c.1)).collect::<Vec<_>>());
    let (records, stats) = read(&file, "CC-NEWS.warc.gz", Format::Warc);
    assert_eq!(outcomes(&records), expected(&cases, "CC-NEWS.warc.gz", &offsets));
    assert_eq!((stats.documents, stats.errors, stats.skipped), (7, 9, WANT_SKIPPED));
}

#[test]
fn metadata_of_pages() {
    let cases = cases();
    let (file, _) = layout(&cases.iter().map(|c| c.1.clone()).collect::<Vec<_>>());
    let (records, _) = read(&file, "crawl.warc", Format::Warc);
    let docs: Vec<_> = records.iter().filter_map(|r| r.as_ref().ok()).collect();
    let meta = |i: usize| {
        let m = &docs[i].meta;
        (m.url.as_deref(), m.source.as_deref(), m.date.as_deref(), m.title.as_deref())
    };
    // The page's own date wins over WARC-Date (crawl time); without one, WARC-Date is used.
    // Titles are Readability's (the lead's `html_document`), site name included.
    assert_eq!(meta(0), (Some("https://news.example.org/a"), Some("news.example.org"), Some("2022-02-22"), Some("Fishermen end harbour strike | The Harbour Gazette")));
    assert_eq!(meta(1), (Some("https://www.example.com:8443/b/?x=1"), Some("www.example.com"), Some("2022-02-24"), Some("Council approves new bridge | The Harbour Gazette")));
    assert!(docs[0].text.contains("end a strike that had kept the fleet"), "{}", docs[0].text);
    assert!(!docs[0].text.contains("Cookie settings"));
    assert!(docs[2].text.contains("Café owners gathered"), "windows-1252 decoded: {}", docs[2].text);
    assert!(docs[4].text.contains("covered market hall"), "gzip + chunked decoded: {}", docs[4].text);
    assert!(docs[6].text.contains("Паром будет ходить дважды в день."), "windows-1251 decoded: {}", docs[6].text);
    let errors: Vec<_> = records.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(errors[0].message.contains("Content-Length"), "{}", errors[0].message);
    assert!(errors[5].message.contains("CRLF CRLF"), "{}", errors[5].message);
}

/// Three good pages, gzipped one member each; `damage` edits the file and says what it expects.
fn three_members() -> (Vec<u8>, Vec<usize>, Vec<usize>) {
    let members: Vec<Vec<u8>> = (0..3u32)
        .map(|i| gzip(&html_response(100 + i, "https://news.example.org/p", "2022-03-01T00:00:00Z", page(i as usize).as_bytes())))
        .collect();
    let lens = members.iter().map(Vec::len).collect();
    let (file, offsets) = layout(&members);
    (file, offsets, lens)
}

#[test]
fn gzip_damage() {
    let name = "n.warc.gz";
    type Damage = fn(&mut Vec<u8>, &[usize], &[usize]);
    let table: Vec<(&str, Damage, Vec<Want>)> = {
        let (_, offsets, _) = three_members();
        let at = |i: usize| format!("{name}@{}", offsets[i]);
        vec![
            ("nothing", |_, _, _| {}, vec![doc(&uuid(100)), doc(&uuid(101)), doc(&uuid(102))]),
            // The record decodes before the CRC is checked: it must not be used.
            ("CRC of member 2 wrong", |f, o, l| f[o[1] + l[1] - 8] ^= 0xff, vec![doc(&uuid(100)), error(K::Gzip, at(1)), doc(&uuid(102))]),
            // 0xff opens a deflate block of the reserved type 3: damage right at the start.
            ("deflate data of member 2 damaged", |f, o, _| f[o[1] + 10] = 0xff, vec![doc(&uuid(100)), error(K::Gzip, at(1)), doc(&uuid(102))]),
            ("header of member 2 damaged", |f, o, _| f[o[1] + 1] = 0x00, vec![doc(&uuid(100)), error(K::Gzip, at(1)), doc(&uuid(102))]),
            ("truncated in member 3", |f, o, l| f.truncate(o[2] + l[2] / 2), vec![doc(&uuid(100)), doc(&uuid(101)), error(K::Gzip, at(2))]),
            ("truncated in member 3's trailer", |f, _, _| f.truncate(f.len() - 3), vec![doc(&uuid(100)), doc(&uuid(101)), error(K::Gzip, at(2))]),
            ("zero padding after the last member", |f, _, _| f.extend_from_slice(&[0; 512]), {
                let (file, _, _) = three_members();
                vec![doc(&uuid(100)), doc(&uuid(101)), doc(&uuid(102)), error(K::Gzip, format!("{name}@{}", file.len()))]
            }),
        ]
    };
    for (what, damage, want) in table {
        let (mut file, offsets, lens) = three_members();
        damage(&mut file, &offsets, &lens);
        let (records, stats) = read(&file, name, Format::Warc);
        assert_eq!(outcomes(&records), want, "{what}");
        assert_eq!(stats.errors as usize, want.iter().filter(|w| matches!(w, Want::Err(..))).count(), "{what}");
    }
}

#[test]
fn whole_file_gzip_locates_records_inside_the_member() {
    let a = html_response(1, "https://news.example.org/a", "2022-03-01T00:00:00Z", page(0).as_bytes());
    let bad = record_with_length("response", 2, &[HTTP_RESPONSE], b"HTTP/1.1 200 OK\r\n\r\n", "-1");
    let b = html_response(3, "https://news.example.org/b", "2022-03-01T00:00:00Z", page(1).as_bytes());
    let plain = [a.clone(), bad, b].concat();
    let (records, _) = read(&gzip(&plain), "w.warc.gz", Format::Warc);
    assert_eq!(outcomes(&records), vec![doc(&uuid(1)), error(K::Warc, format!("w.warc.gz@0+{}", a.len())), doc(&uuid(3))]);
}

#[test]
fn whole_files() {
    let a = html_response(1, "https://news.example.org/a", "2022-03-01T00:00:00Z", page(0).as_bytes());
    let b = html_response(2, "https://news.example.org/b", "2022-03-01T00:00:00Z", page(1).as_bytes());
    let ab = [a.clone(), b.clone()].concat();
    let info = record("warcinfo", 3, &[], b"software: test\r\n");
    for (what, file, want) in [
        ("empty file", Vec::new(), vec![error(K::Empty, "f.warc")]),
        ("blank lines only", b"\r\n\r\n\n".to_vec(), vec![error(K::Empty, "f.warc")]),
        ("gzip of nothing", gzip(b""), vec![error(K::Empty, "f.warc")]),
        ("only a warcinfo record: no error, nothing to read", info, vec![]),
        ("plain text, not WARC", b"Khan visited Moscow.\nHe met Putin.\n".to_vec(), vec![error(K::Warc, "f.warc@0")]),
        ("truncated inside the last block", ab[..a.len() + b.len() / 2].to_vec(), vec![doc(&uuid(1)), error(K::Warc, format!("f.warc@{}", a.len()))]),
        ("truncated inside the last header", ab[..a.len() + 30].to_vec(), vec![doc(&uuid(1)), error(K::Warc, format!("f.warc@{}", a.len()))]),
        ("last trailer missing", ab[..ab.len() - 4].to_vec(), vec![doc(&uuid(1)), doc(&uuid(2))]),
        ("LF-only padding between records", [a.clone(), b"\n\n".to_vec(), b.clone()].concat(), vec![doc(&uuid(1)), doc(&uuid(2))]),
    ] {
        let (records, _) = read(&file, "f.warc", Format::Warc);
        assert_eq!(outcomes(&records), want, "{what}");
    }
}

#[test]
fn streams_from_disk_and_from_a_reader() {
    let dir = std::env::temp_dir().join(format!("dragoman-read-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let a = html_response(1, "https://news.example.org/a", "2022-03-01T00:00:00Z", page(0).as_bytes());
    let info = record("warcinfo", 2, &[], b"software: test\r\n");
    let path = dir.join("CC-NEWS-20220301.warc.gz");
    std::fs::write(&path, [gzip(&info), gzip(&a)].concat()).expect("write");
    let mut stats = dragoman_read::ReadStats::default();
    let mut ids = Vec::new();
    dragoman_read::read_path_with_stats(&path, None, &mut stats, &mut |r| ids.push(r.map(|d| d.meta.id)));
    assert_eq!(ids, vec![Ok(uuid(1))]);
    assert_eq!(stats.to_string(), "1 document, 0 errors, 1 skipped (1 not a response)");
    let mut n = 0;
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
    dragoman_read::read_reader(file, "pipe", Format::Warc, &mut |r| n += usize::from(r.is_ok()));
    assert_eq!(n, 1);
    std::fs::remove_dir_all(&dir).ok();
}
