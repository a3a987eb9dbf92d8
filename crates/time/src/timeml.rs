//! Evaluation on TimeML files (TimeBank, AQUAINT) with TempEval-3 metrics.
//!
//! For each `.tml` file: the document creation time comes from the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`; the text is the content of the `TEXT` element with all tags
//! stripped and the five XML entities decoded, and gold TIMEX3 extents are kept as byte offsets into
//! that stripped text. The text is segmented with `dragoman-segment` and tagged with
//! [`TimeTagger`]. The creation-time TIMEX3 sits in the header, outside `TEXT`, and is not scored.
//!
//! Metrics (following the TempEval-3 scorer as closely as one can without its code):
//! - **strict** extent: a system expression is correct when a gold one has exactly its span;
//!   P = correct system / system, R = gold with an exact system match / gold.
//! - **relaxed** extent: any character overlap; P = system overlapping some gold / system,
//!   R = gold overlapping some system / gold.
//! - **attributes**: system and gold expressions are paired one-to-one over relaxed matches
//!   (greedily, largest overlap first). `type_accuracy` and `value_accuracy` are the shares of pairs
//!   whose attribute agrees. `value_p` = pairs with the gold value / system, `value_r` = the same
//!   count / gold, `value_f1` their harmonic mean — so a system expression counts for value only
//!   when it matches relaxed *and* carries the gold value, as TempEval-3 ranks systems.
//!
//! Values are compared as strings, exactly.

use crate::TimeTagger;
use dragoman_doc::{Document, Span};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error("no .tml files under {0}")]
    Empty(PathBuf),
}

/// One gold TIMEX3 of a TimeML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub span: Span,
    pub kind: String,
    pub value: String,
}

/// A TimeML document reduced to what the evaluation needs.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    pub text: String,
    pub dct: Option<chrono::NaiveDate>,
    pub gold: Vec<GoldTimex>,
}

/// Scores over a set of files. Rates are in [0, 1]; counts are expressions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TimemlMetrics {
    pub files: usize,
    pub gold: usize,
    pub system: usize,
    pub strict_p: f64,
    pub strict_r: f64,
    pub strict_f1: f64,
    pub relaxed_p: f64,
    pub relaxed_r: f64,
    pub relaxed_f1: f64,
    /// Relaxed-matched pairs over which type and value accuracy are counted.
    pub pairs: usize,
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    pub value_p: f64,
    pub value_r: f64,
    pub value_f1: f64,
}

/// Raw counts, summed over files before the rates are taken (micro-averaging).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    files: usize,
    gold: usize,
    system: usize,
    strict_sys: usize,
    strict_gold: usize,
    relaxed_sys: usize,
    relaxed_gold: usize,
    pairs: usize,
    type_ok: usize,
    value_ok: usize,
}

/// One system/gold disagreement, for error analysis.
#[derive(Debug, Clone)]
pub struct Diff {
    pub file: PathBuf,
    /// `missed`, `spurious`, `extent`, `type`, `value`.
    pub what: &'static str,
    pub gold: Option<(String, String, String)>,
    pub system: Option<(String, String, String, String)>,
    /// The sentence-ish context around the expression.
    pub context: String,
}

/// All `.tml` files under the given directories (not recursive), sorted by path.
pub fn tml_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, TimeError> {
    let mut out = Vec::new();
    for d in dirs {
        if d.is_file() {
            out.push(d.clone());
            continue;
        }
        let rd = std::fs::read_dir(d).map_err(|source| TimeError::Io { path: d.clone(), source })?;
        let before = out.len();
        for e in rd {
            let e = e.map_err(|source| TimeError::Io { path: d.clone(), source })?;
            let p = e.path();
            if p.extension().is_some_and(|x| x == "tml") {
                out.push(p);
            }
        }
        if out.len() == before {
            return Err(TimeError::Empty(d.clone()));
        }
    }
    out.sort();
    Ok(out)
}

/// The development / held-out split used while writing the rules: in each directory, files are
/// sorted by name and the first half (rounded up) of the directory named `TimeBank` is the
/// development set; everything else (the second half of TimeBank, all of AQUAINT) is held out.
pub fn dev_heldout_split(dirs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), TimeError> {
    let (mut dev, mut held) = (Vec::new(), Vec::new());
    for d in dirs {
        let files = tml_files(std::slice::from_ref(d))?;
        if d.file_name().is_some_and(|n| n == "TimeBank") {
            let half = files.len().div_ceil(2);
            dev.extend_from_slice(&files[..half]);
            held.extend_from_slice(&files[half..]);
        } else {
            held.extend(files);
        }
    }
    Ok((dev, held))
}

/// Evaluates the tagger on every `.tml` file in `dirs`.
pub fn evaluate(dirs: &[PathBuf]) -> Result<TimemlMetrics, TimeError> {
    evaluate_files(&tml_files(dirs)?)
}

/// Evaluates the tagger on the given files.
pub fn evaluate_files(files: &[PathBuf]) -> Result<TimemlMetrics, TimeError> {
    let tagger = TimeTagger::new();
    let mut c = Counts::default();
    for f in files {
        let doc = read_timeml(f)?;
        score_doc(&tagger, &doc, f, &mut c, None);
    }
    Ok(metrics(&c))
}

/// Disagreements on the given files (for development-set error analysis).
pub fn diagnose(files: &[PathBuf]) -> Result<Vec<Diff>, TimeError> {
    let tagger = TimeTagger::new();
    let mut c = Counts::default();
    let mut diffs = Vec::new();
    for f in files {
        let doc = read_timeml(f)?;
        score_doc(&tagger, &doc, f, &mut c, Some(&mut diffs));
    }
    Ok(diffs)
}

/// A readable report of one or more labelled metric sets.
pub fn report(sets: &[(&str, &TimemlMetrics)]) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{:<10} {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} | {:>6} {:>6} {:>6}\n",
        "set", "files", "gold", "sys", "str-P", "str-R", "str-F1", "rel-P", "rel-R", "rel-F1", "type", "value", "val-P", "val-R", "val-F1"
    ));
    for (name, m) in sets {
        s.push_str(&format!(
            "{:<10} {:>5} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3}\n",
            name, m.files, m.gold, m.system, m.strict_p, m.strict_r, m.strict_f1, m.relaxed_p, m.relaxed_r,
            m.relaxed_f1, m.type_accuracy, m.value_accuracy, m.value_p, m.value_r, m.value_f1
        ));
    }
    s
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn metrics(c: &Counts) -> TimemlMetrics {
    let (sp, sr) = (ratio(c.strict_sys, c.system), ratio(c.strict_gold, c.gold));
    let (rp, rr) = (ratio(c.relaxed_sys, c.system), ratio(c.relaxed_gold, c.gold));
    let (vp, vr) = (ratio(c.value_ok, c.system), ratio(c.value_ok, c.gold));
    TimemlMetrics {
        files: c.files,
        gold: c.gold,
        system: c.system,
        strict_p: sp,
        strict_r: sr,
        strict_f1: f1(sp, sr),
        relaxed_p: rp,
        relaxed_r: rr,
        relaxed_f1: f1(rp, rr),
        pairs: c.pairs,
        type_accuracy: ratio(c.type_ok, c.pairs),
        value_accuracy: ratio(c.value_ok, c.pairs),
        value_p: vp,
        value_r: vr,
        value_f1: f1(vp, vr),
    }
}

fn context(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(70);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 70).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..span.start], &text[span.range()], &text[span.end..b]).replace('\n', " ")
}

fn score_doc(tagger: &TimeTagger, tml: &TimemlDoc, path: &Path, c: &mut Counts, mut diffs: Option<&mut Vec<Diff>>) {
    let mut doc = Document::new(tml.text.clone());
    dragoman_segment::segment(&mut doc);
    let sys = tagger.tag(&doc, tml.dct);
    let gold = &tml.gold;
    c.files += 1;
    c.gold += gold.len();
    c.system += sys.len();
    c.strict_sys += sys.iter().filter(|s| gold.iter().any(|g| g.span == s.span)).count();
    c.strict_gold += gold.iter().filter(|g| sys.iter().any(|s| g.span == s.span)).count();
    c.relaxed_sys += sys.iter().filter(|s| gold.iter().any(|g| g.span.overlaps(s.span))).count();
    c.relaxed_gold += gold.iter().filter(|g| sys.iter().any(|s| g.span.overlaps(s.span))).count();
    // One-to-one pairs, largest overlap first.
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    for (si, s) in sys.iter().enumerate() {
        for (gi, g) in gold.iter().enumerate() {
            if s.span.overlaps(g.span) {
                let ov = s.span.end.min(g.span.end) - s.span.start.max(g.span.start);
                edges.push((ov, si, gi));
            }
        }
    }
    edges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (mut sys_used, mut gold_used) = (vec![false; sys.len()], vec![false; gold.len()]);
    for (_, si, gi) in edges {
        if sys_used[si] || gold_used[gi] {
            continue;
        }
        sys_used[si] = true;
        gold_used[gi] = true;
        let (s, g) = (&sys[si], &gold[gi]);
        c.pairs += 1;
        let type_ok = s.kind.as_str() == g.kind;
        let value_ok = s.value == g.value;
        c.type_ok += type_ok as usize;
        c.value_ok += value_ok as usize;
        if let Some(d) = diffs.as_deref_mut() {
            let what = if s.span != g.span {
                "extent"
            } else if !value_ok {
                "value"
            } else if !type_ok {
                "type"
            } else {
                continue;
            };
            d.push(Diff {
                file: path.to_path_buf(),
                what,
                gold: Some((tml.text[g.span.range()].to_string(), g.kind.clone(), g.value.clone())),
                system: Some((doc.slice(s.span).to_string(), s.kind.as_str().to_string(), s.value.clone(), s.rule.clone())),
                context: context(&tml.text, g.span),
            });
        }
    }
    if let Some(d) = diffs {
        for (gi, g) in gold.iter().enumerate().filter(|(gi, _)| !gold_used[*gi]) {
            let _ = gi;
            d.push(Diff {
                file: path.to_path_buf(),
                what: "missed",
                gold: Some((tml.text[g.span.range()].to_string(), g.kind.clone(), g.value.clone())),
                system: None,
                context: context(&tml.text, g.span),
            });
        }
        for (si, s) in sys.iter().enumerate().filter(|(si, _)| !sys_used[*si]) {
            let _ = si;
            d.push(Diff {
                file: path.to_path_buf(),
                what: "spurious",
                gold: None,
                system: Some((doc.slice(s.span).to_string(), s.kind.as_str().to_string(), s.value.clone(), s.rule.clone())),
                context: context(&tml.text, s.span),
            });
        }
    }
}

/// Reads one TimeML file.
pub fn read_timeml(path: &Path) -> Result<TimemlDoc, TimeError> {
    let raw = std::fs::read_to_string(path).map_err(|source| TimeError::Io { path: path.to_path_buf(), source })?;
    parse_timeml(&raw).map_err(|message| TimeError::Format { path: path.to_path_buf(), message })
}

/// Parses TimeML markup: the creation time and the stripped `TEXT` with its gold TIMEX3s.
pub fn parse_timeml(raw: &str) -> Result<TimemlDoc, String> {
    let dct = find_dct(raw);
    let open = raw.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let close = raw[open..].find("</TEXT>").ok_or("no </TEXT>")? + open;
    let body = &raw[open..close];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut pending: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[1..end];
            if let Some(attrs) = tag.strip_prefix("TIMEX3") {
                if pending.is_some() {
                    return Err("nested TIMEX3".into());
                }
                let kind = attr(attrs, "type").unwrap_or_default().to_string();
                let value = attr(attrs, "value").unwrap_or_default().to_string();
                if tag.ends_with('/') {
                    // An empty TIMEX3 has no extent to score.
                } else {
                    pending = Some((text.len(), kind, value));
                }
            } else if tag == "/TIMEX3" {
                let (start, kind, value) = pending.take().ok_or("</TIMEX3> without <TIMEX3>")?;
                gold.push(GoldTimex { span: Span::new(start, text.len()), kind, value });
            }
            i += end + 1;
        } else if rest.starts_with('&') {
            let (s, n) = entity(rest);
            text.push_str(s);
            i += n;
        } else {
            let n = rest.find(['<', '&']).unwrap_or(rest.len());
            text.push_str(&rest[..n]);
            i += n;
        }
    }
    Ok(TimemlDoc { text, dct, gold })
}

fn entity(s: &str) -> (&'static str, usize) {
    for (e, v) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'")] {
        if s.starts_with(e) {
            return (v, e.len());
        }
    }
    ("&", 1)
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(k) = attrs[from..].find(name) {
        let at = from + k;
        let before_ok = at == 0 || attrs.as_bytes()[at - 1].is_ascii_whitespace();
        let after = &attrs[at + name.len()..];
        if before_ok {
            if let Some(v) = after.strip_prefix("=\"") {
                return v.find('"').map(|e| &v[..e]);
            }
        }
        from = at + name.len();
    }
    None
}

fn find_dct(raw: &str) -> Option<chrono::NaiveDate> {
    let mut from = 0;
    while let Some(k) = raw[from..].find("<TIMEX3") {
        let start = from + k;
        let end = raw[start..].find('>')? + start;
        let attrs = &raw[start + 7..end];
        if attr(attrs, "functionInDocument") == Some("CREATION_TIME") {
            let v = attr(attrs, "value")?;
            return chrono::NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_strips_timeml() {
        let raw = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A &amp; B <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml(raw).expect("parses");
        assert_eq!(d.dct, chrono::NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.text, "A & B fell yesterday.");
        assert_eq!(d.gold.len(), 1);
        assert_eq!(&d.text[d.gold[0].span.range()], "yesterday");
        assert_eq!(d.gold[0].value, "1998-01-07");
    }

    #[test]
    fn scores_a_document() {
        let raw = r#"<TimeML><DCT><TIMEX3 type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>Stocks fell <TIMEX3 type="DATE" value="1998-01-07">yesterday</TIMEX3> after <TIMEX3 type="DURATION" value="P2W">two weeks</TIMEX3> of gains in <TIMEX3 type="DATE" value="XXXX">the region</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml(raw).expect("parses");
        let mut c = Counts::default();
        score_doc(&TimeTagger::new(), &d, Path::new("x"), &mut c, None);
        let m = metrics(&c);
        assert_eq!((m.gold, m.system, m.pairs), (3, 2, 2));
        assert!((m.relaxed_p - 1.0).abs() < 1e-9 && (m.relaxed_r - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.value_accuracy - 1.0).abs() < 1e-9);
    }
}
