//! Scoring against PolNeAR (Newell, Margolin & Ruths, LREC 2018): news articles whose attributions
//! are annotated as brat standoff `Source` / `Cue` / `Content` spans (character offsets).
//!
//! `DIR` is a compartment such as `…/polnear/dev`, holding `text/<name>.txt` and
//! `attributions/<name>_<annotator>.ann`; publication dates come from `metadata.tsv` in `DIR` or its
//! parent. An article annotated by several annotators is scored against the first annotation in
//! file-name order. Discontinuous spans (`start end;start end`) and `Content2` segments are kept as
//! segments of one role.
//!
//! How spans are compared, per article, for each role (content, cue, source) separately:
//! * **exact** — the spans are equal once whitespace and punctuation (quotation marks included) are
//!   trimmed from both ends; a discontinuous gold span is compared by its cover;
//! * **overlap** — the spans share at least one word character.
//!
//! Matching is one-to-one (largest overlap first), so one predicted span cannot match two gold spans.
//! Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean, summed over all
//! articles (micro-averaged). Predicted sources are the distinct speaker spans of quotes that have a
//! cue (a quotation attributed from context reuses a speaker span found elsewhere).
//!
//! Subsets: `all` attributions, and `quote_marks`: gold attributions whose content holds a double
//! quotation mark (`"“”„«»`), scored against predicted quotes whose content holds one.
//!
//! **Speaker accuracy**: over gold attributions with a source whose content is matched (overlap) by
//! a predicted quote, the share where that quote's speaker span overlaps the gold source, or where
//! the speaker's entity (its last word) occurs in the gold source text — the gold source may be a
//! pronoun or description referring to the entity the finder resolved.

use crate::QuoteError;
use dragoman_doc::{Document, Quote, Span};
use serde::Serialize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One gold attribution; spans are byte spans into the article text (one or more segments).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldAttribution {
    pub id: String,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
}

/// An article with its gold attributions.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub text: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub gold: Vec<GoldAttribution>,
}

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn add(&mut self, gold: usize, predicted: usize, matched: usize) {
        self.gold += gold;
        self.predicted += predicted;
        self.matched += matched;
    }

    fn finish(&mut self) {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = div(self.matched, self.predicted);
        self.recall = div(self.matched, self.gold);
        let s = self.precision + self.recall;
        self.f1 = if s == 0.0 { 0.0 } else { 2.0 * self.precision * self.recall / s };
    }
}

/// Exact and overlap scores of one role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RoleScores {
    pub exact: Prf,
    pub overlap: Prf,
}

/// Scores of one subset of attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct SubsetScores {
    pub content: RoleScores,
    pub cue: RoleScores,
    pub source: RoleScores,
    /// Gold attributions with a source whose content a prediction matched.
    pub speaker_scored: usize,
    pub speaker_correct: usize,
    pub speaker_accuracy: f64,
}

/// Everything `dragoman eval polnear` reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PolnearMetrics {
    pub dir: String,
    pub articles: usize,
    pub gold_attributions: usize,
    pub predicted_quotes: usize,
    pub all: SubsetScores,
    pub quote_marks: SubsetScores,
    /// Predicted quotes by kind: `direct`, `indirect`, `mixed`.
    pub predicted_by_kind: HashMap<String, usize>,
    /// Seconds spent inside the analysis closure (the whole pipeline it runs).
    pub analyse_seconds: f64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> QuoteError + '_ {
    move |source| QuoteError::Io { path: path.to_path_buf(), source }
}

/// Byte offset of every char offset (plus the end), to convert brat's character offsets.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Parses a brat standoff file into attributions. Text-bound annotations may hold line breaks,
/// so lines that do not start a record continue the previous one and are skipped.
pub fn parse_standoff(path: &Path, ann: &str, text: &str) -> Result<Vec<GoldAttribution>, QuoteError> {
    let c2b = char_to_byte(text);
    let err = |line: usize, message: String| QuoteError::Standoff { path: path.to_path_buf(), line, message };
    let mut spans: HashMap<&str, (&str, Vec<Span>)> = HashMap::new();
    let mut events: Vec<(usize, &str, Vec<(&str, &str)>)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let ln = n + 1;
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let is_record = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit()) && line.contains('\t');
        if !is_record {
            continue;
        }
        let body = cols.next().unwrap_or("");
        match id.as_bytes()[0] {
            b'T' => {
                let (label, offsets) = body.split_once(' ').ok_or_else(|| err(ln, format!("no offsets in `{body}`")))?;
                let mut segs = Vec::new();
                for seg in offsets.split(';') {
                    let (s, e) = seg.trim().split_once(' ').ok_or_else(|| err(ln, format!("bad offsets `{seg}`")))?;
                    let parse = |x: &str| x.parse::<usize>().map_err(|_| err(ln, format!("bad offset `{x}`")));
                    let (s, e) = (parse(s)?, parse(e)?);
                    let (Some(&bs), Some(&be)) = (c2b.get(s), c2b.get(e)) else {
                        return Err(err(ln, format!("offsets {s}-{e} beyond the text ({} chars)", c2b.len() - 1)));
                    };
                    if bs > be {
                        return Err(err(ln, format!("reversed offsets {s}-{e}")));
                    }
                    segs.push(Span::new(bs, be));
                }
                spans.insert(id, (label, segs));
            }
            b'E' => {
                let args = body.split_whitespace().filter_map(|a| a.split_once(':')).collect();
                events.push((ln, id, args));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (ln, id, args) in events {
        let mut g = GoldAttribution { id: id.to_string(), ..Default::default() };
        for (role, t) in args {
            let Some((_, segs)) = spans.get(t) else {
                return Err(err(ln, format!("{id} refers to unknown {t}")));
            };
            match role {
                "Source" => g.source.extend(segs),
                "Cue" => g.cue.extend(segs),
                r if r.starts_with("Content") => g.content.extend(segs),
                _ => {} // the Attribution trigger repeats the cue
            }
        }
        if !g.content.is_empty() {
            out.push(g);
        }
    }
    out.sort_by_key(|g| g.content.first().map(|s| s.start));
    Ok(out)
}

fn read_dates(dir: &Path) -> HashMap<String, String> {
    let mut dates = HashMap::new();
    for p in [dir.join("metadata.tsv"), dir.parent().map(|d| d.join("metadata.tsv")).unwrap_or_default()] {
        let Ok(t) = fs::read_to_string(&p) else { continue };
        let mut lines = t.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let (Some(fi), Some(di)) = (header.iter().position(|h| *h == "filename"), header.iter().position(|h| *h == "publication_date")) else {
            continue;
        };
        for l in lines {
            let c: Vec<&str> = l.split('\t').collect();
            if let (Some(f), Some(d)) = (c.get(fi), c.get(di)) {
                dates.insert(f.to_string(), d.to_string());
            }
        }
        break;
    }
    dates
}

/// Reads every annotated article of a compartment.
pub fn load(dir: &Path) -> Result<Vec<Article>, QuoteError> {
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<PathBuf> = fs::read_dir(&ann_dir)
        .map_err(io(&ann_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let dates = read_dates(dir);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for ann_path in anns {
        let stem = ann_path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // `<name>_<annotator>`: the annotator id never contains `_`.
        let name = stem.rsplit_once('_').map_or(stem, |(n, _)| n).to_string();
        if !seen.insert(name.clone()) {
            continue;
        }
        let text_path = dir.join("text").join(format!("{name}.txt"));
        let text = fs::read_to_string(&text_path).map_err(io(&text_path))?;
        let ann = fs::read_to_string(&ann_path).map_err(io(&ann_path))?;
        let gold = parse_standoff(&ann_path, &ann, &text)?;
        out.push(Article { date: dates.get(&name).cloned(), name, text, gold });
    }
    if out.is_empty() {
        return Err(QuoteError::Empty(dir.to_path_buf()));
    }
    Ok(out)
}

const DOUBLE_MARKS: &[char] = &['"', '“', '”', '„', '«', '»'];

/// The span without surrounding whitespace and punctuation.
fn core(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len() - t.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let t2 = t.trim_end_matches(|c: char| !c.is_alphanumeric());
    Span::new(s.start + lead, (s.start + t2.len()).max(s.start + lead))
}

/// Word characters two spans share.
fn shared_words(text: &str, a: &[Span], b: &[Span]) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            if x.overlaps(*y) {
                let (s, e) = (x.start.max(y.start), x.end.min(y.end));
                n += text[s..e].chars().filter(|c| c.is_alphanumeric()).count();
            }
        }
    }
    n
}

fn cover(segs: &[Span]) -> Option<Span> {
    let first = *segs.first()?;
    Some(segs.iter().fold(first, |a, b| a.cover(*b)))
}

/// One-to-one matching. Returns (matched count, for each gold item the predicted index it matched).
fn match_spans(text: &str, gold: &[Vec<Span>], pred: &[Vec<Span>], exact: bool) -> (usize, Vec<Option<usize>>) {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if exact {
                let (Some(gc), Some(pc)) = (cover(g), cover(p)) else { continue };
                let (gc, pc) = (core(text, gc), core(text, pc));
                if gc == pc && !gc.is_empty() {
                    pairs.push((usize::MAX, gi, pi));
                }
            } else {
                let n = shared_words(text, g, p);
                if n > 0 {
                    pairs.push((n, gi, pi));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; pred.len()];
    let mut of_gold = vec![None; gold.len()];
    let mut n = 0;
    for (_, gi, pi) in pairs {
        if of_gold[gi].is_none() && !used_p[pi] {
            of_gold[gi] = Some(pi);
            used_p[pi] = true;
            n += 1;
        }
    }
    (n, of_gold)
}

fn has_mark(text: &str, segs: &[Span]) -> bool {
    segs.iter().any(|s| text[s.range()].contains(DOUBLE_MARKS))
}

fn score_role(text: &str, r: &mut RoleScores, gold: &[Vec<Span>], pred: &[Vec<Span>]) -> Vec<Option<usize>> {
    let (m, _) = match_spans(text, gold, pred, true);
    r.exact.add(gold.len(), pred.len(), m);
    let (m, of_gold) = match_spans(text, gold, pred, false);
    r.overlap.add(gold.len(), pred.len(), m);
    of_gold
}

fn score_subset(text: &str, s: &mut SubsetScores, gold: &[&GoldAttribution], pred: &[&Quote]) {
    let g_content: Vec<Vec<Span>> = gold.iter().map(|g| g.content.clone()).collect();
    let p_content: Vec<Vec<Span>> = pred.iter().map(|q| vec![q.content]).collect();
    let of_gold = score_role(text, &mut s.content, &g_content, &p_content);
    let g_cue: Vec<Vec<Span>> = gold.iter().filter(|g| !g.cue.is_empty()).map(|g| g.cue.clone()).collect();
    let p_cue: Vec<Vec<Span>> = pred.iter().filter_map(|q| q.cue.map(|c| vec![c])).collect();
    score_role(text, &mut s.cue, &g_cue, &p_cue);
    let g_src: Vec<Vec<Span>> = gold.iter().filter(|g| !g.source.is_empty()).map(|g| g.source.clone()).collect();
    let mut p_src: Vec<Span> = pred.iter().filter(|q| q.cue.is_some()).filter_map(|q| q.speaker.as_ref().map(|s| s.span)).collect();
    p_src.sort();
    p_src.dedup();
    let p_src: Vec<Vec<Span>> = p_src.into_iter().map(|s| vec![s]).collect();
    score_role(text, &mut s.source, &g_src, &p_src);
    for (g, m) in gold.iter().zip(of_gold) {
        let Some(pi) = m else { continue };
        if g.source.is_empty() {
            continue;
        }
        s.speaker_scored += 1;
        let Some(sp) = &pred[pi].speaker else { continue };
        let overlaps = shared_words(text, &g.source, &[sp.span]) > 0;
        let by_entity = sp.entity.as_deref().and_then(|e| e.split_whitespace().last()).is_some_and(|last| {
            last.chars().count() >= 2
                && g.source.iter().any(|s| text[s.range()].split(|c: char| !c.is_alphanumeric()).any(|w| w == last))
        });
        if overlaps || by_entity {
            s.speaker_correct += 1;
        }
    }
}

/// Adds one article's predictions to the running metrics.
pub fn score_article(m: &mut PolnearMetrics, article: &Article, quotes: &[Quote]) {
    let text = &article.text;
    let gold_all: Vec<&GoldAttribution> = article.gold.iter().collect();
    let pred_all: Vec<&Quote> = quotes.iter().filter(|q| q.content.end <= text.len()).collect();
    score_subset(text, &mut m.all, &gold_all, &pred_all);
    let gold_q: Vec<&GoldAttribution> = gold_all.iter().copied().filter(|g| has_mark(text, &g.content)).collect();
    let pred_q: Vec<&Quote> = pred_all.iter().copied().filter(|q| has_mark(text, &[q.content])).collect();
    score_subset(text, &mut m.quote_marks, &gold_q, &pred_q);
    m.articles += 1;
    m.gold_attributions += article.gold.len();
    m.predicted_quotes += quotes.len();
    for q in quotes {
        let k = serde_json_kind(q);
        *m.predicted_by_kind.entry(k.to_string()).or_default() += 1;
    }
}

fn serde_json_kind(q: &Quote) -> &'static str {
    match q.kind {
        dragoman_doc::QuoteKind::Direct => "direct",
        dragoman_doc::QuoteKind::Indirect => "indirect",
        dragoman_doc::QuoteKind::Mixed => "mixed",
    }
}

/// Computes precision, recall and F1 from the counts.
pub fn finish(m: &mut PolnearMetrics) {
    for s in [&mut m.all, &mut m.quote_marks] {
        for r in [&mut s.content, &mut s.cue, &mut s.source] {
            r.exact.finish();
            r.overlap.finish();
        }
        s.speaker_accuracy = if s.speaker_scored == 0 { 0.0 } else { s.speaker_correct as f64 / s.speaker_scored as f64 };
    }
}

/// Scores `analyse` on every article of `dir`. The closure gets the article text and its
/// publication date and returns the analysed document (its text must be the article text) and the
/// quotes found in it.
pub fn evaluate(dir: &Path, analyse: impl Fn(&str, Option<&str>) -> (Document, Vec<Quote>)) -> Result<PolnearMetrics, QuoteError> {
    let articles = load(dir)?;
    let mut m = PolnearMetrics { dir: dir.display().to_string(), ..Default::default() };
    for a in &articles {
        let t0 = Instant::now();
        let (_doc, quotes) = analyse(&a.text, a.date.as_deref());
        m.analyse_seconds += t0.elapsed().as_secs_f64();
        score_article(&mut m, a, &quotes);
    }
    finish(&mut m);
    Ok(m)
}

/// A readable table of the metrics.
pub fn report(m: &PolnearMetrics) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "PolNeAR {} — {} articles, {} gold attributions, {} predicted quotes ({:.2} s in analysis)", m.dir, m.articles, m.gold_attributions, m.predicted_quotes, m.analyse_seconds);
    for (name, sub) in [("all attributions", &m.all), ("content with quotation marks", &m.quote_marks)] {
        let _ = writeln!(s, "\n{name}");
        let _ = writeln!(s, "  {:<8} {:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}", "role", "match", "P", "R", "F1", "gold", "pred", "matched");
        for (role, r) in [("content", &sub.content), ("cue", &sub.cue), ("source", &sub.source)] {
            for (how, p) in [("exact", &r.exact), ("overlap", &r.overlap)] {
                let _ = writeln!(s, "  {:<8} {:<8} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>7} {:>7}", role, how, p.precision, p.recall, p.f1, p.gold, p.predicted, p.matched);
            }
        }
        let _ = writeln!(s, "  speaker accuracy {:.3} ({} of {} matched attributions with a gold source)", sub.speaker_accuracy, sub.speaker_correct, sub.speaker_scored);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standoff_with_discontinuous_and_multiline_spans() {
        let text = "Ünö said “a b\nc” today.";
        let ann = "T1\tSource 0 3\tÜnö\nT2\tCue 4 8\tsaid\nT3\tContent 9 13;14 16\t“a b\nc”\nT4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let g = parse_standoff(Path::new("x.ann"), ann, text).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(&text[g[0].source[0].range()], "Ünö");
        assert_eq!(&text[g[0].content[1].range()], "c”");
    }

    #[test]
    fn bad_offsets_are_errors() {
        let e = parse_standoff(Path::new("x.ann"), "T1\tSource 0 99\tx\n", "short");
        assert!(matches!(e, Err(QuoteError::Standoff { line: 1, .. })));
    }

    #[test]
    fn exact_ignores_edge_punctuation_overlap_needs_a_word() {
        let text = "“We go,” he said.";
        let g = vec![vec![Span::new(0, 12)]]; // “We go,”
        let p = vec![vec![Span::new(3, 8)]]; // We go
        assert_eq!(match_spans(text, &g, &p, true).0, 1);
        let p = vec![vec![Span::new(8, 12)]]; // ,”  (no word)
        assert_eq!(match_spans(text, &g, &p, false).0, 0);
    }

    #[test]
    fn matching_is_one_to_one() {
        let text = "aaa bbb ccc ddd";
        let g = vec![vec![Span::new(0, 7)], vec![Span::new(8, 15)]];
        let p = vec![vec![Span::new(0, 15)]];
        assert_eq!(match_spans(text, &g, &p, false).0, 1);
    }
}
