//! Recognition: a hand-written grammar over the word pieces of one sentence.
//!
//! Each token of the document is cut into *pieces* at hyphens and slashes (`two-day` → `two`, `-`,
//! `day`; `2022-02-23` → `2022`, `-`, `02`, `-`, `23`), so that the grammar is the same whether the
//! segmenter kept a compound whole or split it. A piece is classified once through the word
//! tables ([`Lexicon`]); the rules then look only at classes and a few function words. Matching is
//! leftmost-longest: at each piece every rule is tried, the longest match wins, and scanning
//! resumes after it. Nothing backtracks across more than a handful of pieces, so the cost is
//! linear in the sentence length.
//!
//! A match is a *core* (the rule that fired) plus optional prefixes that TimeML puts inside the
//! extent: a quantity modifier (`nearly`, `more than`) for durations and clock times, the
//! determiner `the` for the forms TimeBank annotates with it (`the 1990s`, `the last two years`),
//! and a position modifier (`early`, `mid-`, `the end of`, `earlier`) for dates.

use crate::lexicon::{to24, Lex, Lexicon, Unit};
use crate::resolve::{Dir, Gran, Sem};
use dragoman_doc::{Document, TimexType};

/// One piece of a token.
#[derive(Debug, Clone)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    lo: u32,
    hi: u32,
    pub lex: Lex,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// No whitespace between this piece and the previous one.
    pub glued: bool,
    /// Index of the document token this piece comes from.
    pub tok: usize,
}

/// Pieces of one sentence with their lower-cased text.
#[derive(Default)]
pub struct Pieces {
    pub v: Vec<Piece>,
    low: String,
}

fn is_sep(c: char) -> bool {
    matches!(c, '-' | '/' | '–' | '‐' | '‑')
}

impl Pieces {
    /// Cuts tokens `toks` of `doc` into pieces (reusing the buffers).
    pub fn fill(&mut self, lex: &Lexicon, doc: &Document, toks: std::ops::Range<usize>) {
        self.v.clear();
        self.low.clear();
        let mut prev_end = usize::MAX;
        for t in toks {
            let span = doc.tokens[t].span;
            let text = &doc.text[span.range()];
            let mut seg_start = 0usize;
            let push = |this: &mut Pieces, a: usize, b: usize, prev_end: &mut usize| {
                if a >= b {
                    return;
                }
                let s = &text[a..b];
                let lo = this.low.len() as u32;
                for c in s.chars() {
                    match c {
                        '’' | '‘' => this.low.push('\''),
                        '–' | '‐' | '‑' => this.low.push('-'),
                        c if c.is_ascii() => this.low.push(c.to_ascii_lowercase()),
                        c => this.low.extend(c.to_lowercase()),
                    }
                }
                let hi = this.low.len() as u32;
                let start = span.start + a;
                let low = &this.low[lo as usize..hi as usize];
                this.v.push(Piece {
                    start,
                    end: span.start + b,
                    lo,
                    hi,
                    lex: lex.classify(low),
                    cap: s.chars().next().is_some_and(char::is_uppercase),
                    glued: *prev_end == start,
                    tok: t,
                });
                *prev_end = span.start + b;
            };
            // Times like `7:15` and fractions keep their inner punctuation; only hyphens and
            // slashes cut.
            for (i, c) in text.char_indices() {
                if is_sep(c) {
                    push(self, seg_start, i, &mut prev_end);
                    push(self, i, i + c.len_utf8(), &mut prev_end);
                    seg_start = i + c.len_utf8();
                }
            }
            push(self, seg_start, text.len(), &mut prev_end);
        }
    }

    pub fn low(&self, i: usize) -> &str {
        let p = &self.v[i];
        &self.low[p.lo as usize..p.hi as usize]
    }
}

/// Which prefixes a core accepts inside its extent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cls {
    /// `two years`: takes quantity modifiers or `the`.
    Dur,
    /// `the last two years`: takes `the`.
    RelDur,
    /// `two-year`: an adjective; takes quantity modifiers only.
    DurAdj,
    /// `two days ago`.
    Ago,
    Clock,
    /// Dates that take `the` (`the 1990s`, `the third quarter`, `the past year`).
    DateThe,
    /// Other dates and times.
    Date,
    /// `the past`, `now`: no prefixes.
    Ref,
    Set,
}

/// A recognised expression, in piece indices (half-open).
#[derive(Debug, Clone)]
pub struct Cand {
    pub s: usize,
    pub e: usize,
    pub kind: TimexType,
    pub sem: Sem,
    /// Time of day appended to a day-granular value (`TNI`, `T15:00`).
    pub suffix: Option<String>,
    pub cls: Cls,
    pub rule: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumV {
    N(u32),
    /// `a few`, `several`.
    X,
    /// `half a`, `half an`.
    Half,
    /// `2 1/2`, `two and a half`.
    NHalf(u32),
}

pub struct Matcher<'a> {
    p: &'a Pieces,
    lim: usize,
}

fn cand(s: usize, e: usize, kind: TimexType, sem: Sem, cls: Cls, rule: &'static str) -> Cand {
    Cand { s, e, kind, sem, suffix: None, cls, rule }
}

fn lit(s: impl Into<String>) -> Sem {
    Sem::Lit(s.into())
}

/// Keeps the longer of two candidates (the earlier one on ties).
fn longer(a: Option<Cand>, b: Option<Cand>) -> Option<Cand> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.e > a.e { b } else { a }),
        (a, b) => a.or(b),
    }
}

const BARE_MONTH_PREV: &[&str] = &[
    "in", "since", "by", "until", "till", "through", "during", "last", "next", "this", "early", "late", "mid",
    "-", "of", "from", "before", "after", "between", "and", "to", "for", "on", "that", "every", "each",
    "past", "coming", "end", "beginning", "start", "middle", "throughout",
];

impl<'a> Matcher<'a> {
    pub fn new(p: &'a Pieces) -> Self {
        Matcher { p, lim: p.v.len() }
    }

    fn w(&self, i: usize) -> &str {
        if i < self.lim { self.p.low(i) } else { "" }
    }
    fn lex(&self, i: usize) -> Lex {
        if i < self.lim { self.p.v[i].lex } else { Lex::Other }
    }
    fn cap(&self, i: usize) -> bool {
        i < self.lim && self.p.v[i].cap
    }
    fn glued(&self, i: usize) -> bool {
        i < self.lim && self.p.v[i].glued
    }
    fn prev(&self, i: usize) -> &str {
        if i > 0 { self.w(i - 1) } else { "" }
    }

    /// A period at `k` that completes an abbreviation written without one (`Feb` `.`), as a
    /// tokenizer may split it. A period after a full word ends the sentence and stays out.
    fn abbr_dot(&self, k: usize) -> bool {
        k > 0
            && self.w(k) == "."
            && self.glued(k)
            && matches!(
                self.w(k - 1),
                "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" | "mon"
                    | "tue" | "tues" | "wed" | "thu" | "thurs" | "fri" | "sat" | "sun" | "a.m" | "p.m"
            )
    }

    /// All matches of the sentence, leftmost-longest, non-overlapping.
    pub fn run(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.lim {
            match self.parse_at(i) {
                Some(c) => {
                    i = c.e;
                    out.push(c);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting exactly at `i`, prefixes included.
    fn parse_at(&self, i: usize) -> Option<Cand> {
        // (start of the core, quantity modifier seen, `the` seen, position modifier seen)
        let mut starts: [(usize, bool, bool, bool); 8] = [(i, false, false, false); 8];
        let mut n = 1;
        if let Some(j) = self.qmod(i) {
            starts[n] = (j, true, false, false);
            n += 1;
        }
        let before_the = n;
        for k in 0..before_the {
            let (j, q, _, _) = starts[k];
            if self.w(j) == "the" {
                starts[n] = (j + 1, q, true, false);
                n += 1;
            }
        }
        let before_pos = n;
        for k in 0..before_pos {
            let (j, q, t, _) = starts[k];
            if let Some(m) = self.posmod(j) {
                starts[n] = (m, q, t, true);
                n += 1;
            }
        }
        let mut best: Option<Cand> = None;
        for &(j, q, t, pm) in &starts[..n] {
            let Some(mut c) = self.core(j) else { continue };
            let ok = match c.cls {
                // `the four days` (TimeBank includes the article), but not `the 30-year bond`.
                Cls::Dur => !pm && !(q && t),
                Cls::DurAdj | Cls::Ago | Cls::Clock => !pm && !t,
                Cls::RelDur => !pm && !q,
                Cls::DateThe => !q,
                Cls::Date => !q && !t,
                Cls::Ref | Cls::Set => !q && !t && !pm,
            };
            // `the` before a position modifier is part of it (`the end of`, `the early 1980s`),
            // but `the` before a bare date is not (`the Tuesday meeting`).
            let ok = ok || (c.cls == Cls::Date && t && pm && !q);
            if !ok {
                continue;
            }
            c.s = i;
            if best.as_ref().is_none_or(|b| c.e > b.e) {
                best = Some(c);
            }
        }
        best
    }

    /// `nearly`, `more than`, … before a number.
    fn qmod(&self, i: usize) -> Option<usize> {
        let one = matches!(
            self.w(i),
            "nearly" | "almost" | "about" | "around" | "approximately" | "roughly" | "some"
        );
        if one {
            return Some(i + 1);
        }
        match (self.w(i), self.w(i + 1)) {
            ("more" | "less" | "fewer", "than") | ("at", "least" | "most") | ("up", "to") => Some(i + 2),
            ("no" | "not", "more" | "less") if self.w(i + 2) == "than" => Some(i + 3),
            _ => None,
        }
    }

    /// `early`, `late`, `mid-`, `the end of`, `earlier`, … before a date.
    fn posmod(&self, i: usize) -> Option<usize> {
        match self.w(i) {
            "early" | "late" | "earlier" | "later" => Some(i + 1),
            "mid" => Some(if self.w(i + 1) == "-" { i + 2 } else { i + 1 }),
            "end" | "beginning" | "start" | "middle" | "turn" if self.w(i + 1) == "of" => Some(i + 2),
            _ => None,
        }
    }

    fn core(&self, i: usize) -> Option<Cand> {
        let mut best = None;
        match self.lex(i) {
            Lex::Month { .. } => best = longer(best, self.month_rules(i)),
            Lex::Weekday(_) => best = self.weekday(i),
            Lex::Num { .. } | Lex::NumWord(_) => {
                best = longer(best, self.iso(i));
                best = longer(best, self.day_month(i));
                best = longer(best, self.year(i));
                best = longer(best, self.duration(i));
                best = longer(best, self.clock(i));
                best = longer(best, self.year_quarter(i));
            }
            Lex::Ordinal(_) => {
                best = longer(best, self.day_month(i));
                best = longer(best, self.quarter(i));
                best = longer(best, self.century(i));
            }
            Lex::Unit { .. } => {
                // `second quarter` (ordinal read of a unit word), bare plurals (`for years`),
                // `year-ago` / `year-earlier`.
                best = longer(best, self.quarter(i));
                best = longer(best, self.bare_units(i));
                best = longer(best, self.year_ago(i));
            }
            Lex::Decade(d) => best = Some(cand(i, i + 1, TimexType::Date, lit(format!("{d:03}")), Cls::DateThe, "date.decade")),
            Lex::Season(_) => best = self.season(i),
            Lex::PartOfDay(_) => best = longer(self.clock(i), self.part_of_day_then_day(i)),
            Lex::Clock { .. } | Lex::ClockPm { .. } => best = self.clock(i),
            // `daily flights`, `quarterly dividend`: adjectives, untagged in TimeBank.
            Lex::SetAdverb(v) if !self.starts_noun(i + 1) => best = Some(cand(i, i + 1, TimexType::Set, lit(v), Cls::Set, "set.adverb")),
            Lex::SetAdverb(_) => {}
            Lex::Meridiem(_) | Lex::Zone | Lex::Other => {}
        }
        let w = self.w(i);
        match w {
            "a" | "an" | "few" | "several" | "many" | "half" | "couple" => best = longer(best, self.duration(i)),
            "last" | "past" | "previous" | "preceding" | "this" | "current" | "next" | "coming" | "recent"
            | "first" | "these" => best = longer(best, self.rel(i)),
            "today" | "tomorrow" | "yesterday" | "tonight" | "now" | "currently" | "nowadays" | "recently"
            | "lately" | "previously" | "formerly" | "the" | "more" | "most" => best = longer(best, self.deictic(i)),
            "every" | "each" | "per" => best = longer(best, self.set(i)),
            "fiscal" | "fy" => best = longer(best, self.fiscal(i)),
            "q1" | "q2" | "q3" | "q4" => best = longer(best, self.quarter(i)),
            "nineties" | "eighties" | "seventies" | "sixties" | "fifties" | "forties" | "thirties" => {
                best = longer(best, self.decade_word(i))
            }
            _ => {}
        }
        best
    }

    // ---- numbers, days, years, months -------------------------------------------------------

    /// A cardinal: digits, number words (`twenty-four`, `two hundred`), `a`/`an`, `a few`,
    /// `several`, `a couple of`, `half a`.
    fn num(&self, i: usize) -> Option<(usize, NumV)> {
        let half = |e: usize, v: u32| {
            // `2 1/2`
            let frac = self.lex(e) == (Lex::Num { v: 1, digits: 1 }) && self.w(e + 1) == "/" && self.w(e + 2) == "2" && self.glued(e + 2);
            if frac {
                return Some((e + 3, NumV::NHalf(v)));
            }
            // `two and a half`
            if self.w(e) == "and" && self.w(e + 1) == "a" && self.w(e + 2) == "half" {
                return Some((e + 3, NumV::NHalf(v)));
            }
            Some((e, NumV::N(v)))
        };
        match self.lex(i) {
            Lex::Num { v, .. } => half(i + 1, v),
            Lex::NumWord(_) => self.num_words(i).and_then(|(e, v)| half(e, v)),
            _ => match self.w(i) {
                "a" | "an" => match self.w(i + 1) {
                    "few" => Some((i + 2, NumV::X)),
                    "couple" => Some(if self.w(i + 2) == "of" { (i + 3, NumV::N(2)) } else { (i + 2, NumV::N(2)) }),
                    "dozen" | "hundred" | "thousand" => self.num_words(i + 1).map(|(e, v)| (e, NumV::N(v))),
                    "half" => None,
                    _ => Some((i + 1, NumV::N(1))),
                },
                "few" | "several" | "many" => Some((i + 1, NumV::X)),
                "couple" if self.w(i + 1) == "of" => Some((i + 2, NumV::N(2))),
                "half" if matches!(self.w(i + 1), "a" | "an") => Some((i + 2, NumV::Half)),
                _ => None,
            },
        }
    }

    /// Number words: `twenty four`, `twenty-four`, `two hundred and five`, `a hundred`.
    fn num_words(&self, i: usize) -> Option<(usize, u32)> {
        let (mut total, mut cur, mut j, mut any) = (0u32, 0u32, i, false);
        loop {
            match self.lex(j) {
                Lex::NumWord(100) => cur = cur.max(1) * 100,
                Lex::NumWord(1000) => {
                    total += cur.max(1) * 1000;
                    cur = 0;
                }
                Lex::NumWord(v) => {
                    // `twenty four` composes; `four twenty` does not.
                    if any && !(v < 10 && cur % 100 >= 20 && cur % 10 == 0) && cur % 100 != 0 {
                        break;
                    }
                    cur += v;
                }
                _ => {
                    let joins = (self.w(j) == "-" || (self.w(j) == "and" && cur >= 100))
                        && matches!(self.lex(j + 1), Lex::NumWord(v) if v < 100)
                        && any;
                    if joins {
                        j += 1;
                        continue;
                    }
                    break;
                }
            }
            any = true;
            j += 1;
        }
        if any && self.w(i) == "dozen" {
            return Some((j, 12));
        }
        any.then_some((j, total + cur))
    }

    fn day_at(&self, i: usize) -> Option<(usize, u32)> {
        match self.lex(i) {
            Lex::Num { v, digits: 1..=2 } if (1..=31).contains(&v) => Some((i + 1, v)),
            Lex::Ordinal(v) if (1..=31).contains(&v) => Some((i + 1, v)),
            Lex::Unit { unit: Unit::Second, plural: false } if self.w(i) == "second" => Some((i + 1, 2)),
            _ => None,
        }
    }

    /// A year: four digits, or (where `words` allows) `nineteen ninety-six`, `two thousand`.
    fn year_at(&self, i: usize, words: bool) -> Option<(usize, i32)> {
        match self.lex(i) {
            Lex::Num { v, digits: 4 } if (1000..=2100).contains(&v) => Some((i + 1, v as i32)),
            Lex::NumWord(h) if words && (11..=20).contains(&h) => {
                if let Lex::NumWord(1000) = self.lex(i + 1) {
                    // `two thousand [and] five`
                    let (e, v) = self.num_words(i)?;
                    return (2000..=2099).contains(&v).then_some((e, v as i32));
                }
                let (e, v) = self.num_words(i + 1)?;
                (v < 100 && e > i + 1).then_some((e, (h * 100 + v) as i32))
            }
            Lex::NumWord(2) if words && self.lex(i + 1) == Lex::NumWord(1000) => {
                let (e, v) = self.num_words(i)?;
                (2000..=2099).contains(&v).then_some((e, v as i32))
            }
            _ => None,
        }
    }

    /// A month name usable here: capitalised; `May` and `March` (also verbs) and bare abbreviations
    /// need a day, a year, or a preposition/modifier before them unless `strong`.
    fn month_at(&self, i: usize, strong: bool) -> Option<u32> {
        let Lex::Month { m, abbr } = self.lex(i) else { return None };
        if !self.cap(i) {
            return None;
        }
        if !strong {
            let ambiguous = matches!(self.w(i), "may" | "march") || abbr;
            if ambiguous && !BARE_MONTH_PREV.contains(&self.prev(i)) {
                return None;
            }
        }
        Some(m)
    }

    /// `Feb. 23`, `February 23, 2022`, `February 2022`, `February of 2022`, bare `February`.
    fn month_rules(&self, i: usize) -> Option<Cand> {
        let m = self.month_at(i, true)?;
        let mut j = i + 1;
        if self.abbr_dot(j) {
            j += 1;
        }
        if let Some((e, d)) = self.day_at(j) {
            // A following `,` + year, or a year directly.
            let yr = if self.w(e) == "," { self.year_at(e + 1, true) } else { self.year_at(e, true) };
            let (e, y, rule) = match yr {
                Some((e2, y)) => (e2, Some(y), "date.month-day-year"),
                None => (e, None, "date.month-day"),
            };
            // `March 10 protesters` is rare; `May 5` is safe because a day follows.
            return Some(cand(i, e, TimexType::Date, Sem::Date { y, m, d }, Cls::Date, rule));
        }
        let yr = match self.w(j) {
            "," | "of" => self.year_at(j + 1, true),
            _ => self.year_at(j, true),
        };
        if let Some((e, y)) = yr {
            return Some(cand(i, e, TimexType::Date, Sem::Month { y: Some(y), m, dir: Dir::Tense }, Cls::Date, "date.month-year"));
        }
        // `June last year`, `January this year`.
        if self.w(j + 1) == "year" {
            let n = match self.w(j) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let Some(n) = n {
                return Some(cand(i, j + 2, TimexType::Date, Sem::MonthOfYear { m, n }, Cls::Date, "date.month-relative-year"));
            }
        }
        self.month_at(i, false)?;
        Some(cand(i, j, TimexType::Date, Sem::Month { y: None, m, dir: Dir::Tense }, Cls::Date, "date.month"))
    }

    /// `23 February 2022`, `23rd of February`.
    fn day_month(&self, i: usize) -> Option<Cand> {
        let (j, d) = self.day_at(i)?;
        let j = if self.w(j) == "of" { j + 1 } else { j };
        let m = self.month_at(j, true)?;
        let mut e = j + 1;
        if self.abbr_dot(e) {
            e += 1;
        }
        let yr = if self.w(e) == "," { self.year_at(e + 1, true) } else { self.year_at(e, true) };
        let (e, y, rule) = match yr {
            Some((e2, y)) => (e2, Some(y), "date.day-month-year"),
            None => (e, None, "date.day-month"),
        };
        Some(cand(i, e, TimexType::Date, Sem::Date { y, m, d }, Cls::Date, rule))
    }

    /// `2022-02-23`, `2/23/2022`.
    fn iso(&self, i: usize) -> Option<Cand> {
        let num = |k: usize| match self.lex(k) {
            Lex::Num { v, digits } if self.glued(k) || k == i => Some((v, digits)),
            _ => None,
        };
        let (a, da) = num(i)?;
        let sep = self.w(i + 1);
        if !(sep == "-" || sep == "/") || !self.glued(i + 1) || self.w(i + 3) != sep || !self.glued(i + 3) {
            return None;
        }
        let (b, _) = num(i + 2)?;
        let (c, dc) = num(i + 4)?;
        let (y, m, d) = if sep == "-" && da == 4 {
            (a as i32, b, c)
        } else if sep == "/" && da <= 2 && (dc == 4 || dc == 2) {
            let y = if dc == 4 { c as i32 } else if c >= 50 { 1900 + c as i32 } else { 2000 + c as i32 };
            (y, a, b)
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        let rule = if sep == "-" { "date.iso" } else { "date.numeric-slash" };
        Some(cand(i, i + 5, TimexType::Date, Sem::Date { y: Some(y), m, d }, Cls::Date, rule))
    }

    /// A bare year: `1999`, `in 1850`, `the year 2000`, `in nineteen ninety-six`.
    fn year(&self, i: usize) -> Option<Cand> {
        let prev = self.prev(i);
        let prep = matches!(
            prev,
            "in" | "since" | "of" | "from" | "until" | "till" | "by" | "year" | "before" | "after" | "during" | "to"
                | "and" | "through" | "circa"
        );
        // `nineteen ninety-six` reads as a year anywhere; other number words only after a preposition.
        let words = prep || (self.lex(i) == Lex::NumWord(19) && matches!(self.lex(i + 1), Lex::NumWord(v) if (20..=90).contains(&v) && v % 10 == 0));
        let (e, y) = self.year_at(i, words)?;
        if matches!(self.lex(i), Lex::Num { .. }) {
            if y < 1900 && !prep {
                return None;
            }
            if matches!(prev, "$" | "#" | "€" | "£" | "no." | "number" | "nos." | "page" | "flight" | "room" | "route") {
                return None;
            }
            if matches!(self.w(e), "%" | "percent" | "per") || matches!(self.lex(e), Lex::Unit { .. }) {
                return None;
            }
            // `Windows 2000`, `Gate 1999`: a number after a capitalised word is part of a name.
            if !prep && i > 0 && self.cap(i - 1) && !matches!(self.lex(i - 1), Lex::Month { .. } | Lex::Season(_)) {
                return None;
            }
            // `sent 2000 troops`: a count before a plural noun (but `the 1998 budget` is a year).
            let det = matches!(prev, "the" | "'s" | "its" | "their" | "his" | "her" | "a" | "an");
            if !prep && !det && self.starts_noun(e) && self.w(e).ends_with('s') {
                return None;
            }
        }
        Some(cand(i, e, TimexType::Date, lit(format!("{y:04}")), Cls::Date, "date.year"))
    }

    /// `fiscal 1989`, `fiscal year 1989`, `FY 2022`: TimeBank gives the plain year.
    fn fiscal(&self, i: usize) -> Option<Cand> {
        let mut j = i + 1;
        if self.w(j) == "year" {
            j += 1;
        }
        let (e, y) = self.year_at(j, true)?;
        Some(cand(i, e, TimexType::Date, lit(format!("{y:04}")), Cls::DateThe, "date.fiscal-year"))
    }

    fn decade_word(&self, i: usize) -> Option<Cand> {
        if self.prev(i) != "the" && !matches!(self.prev(i), "early" | "late" | "mid" | "-") {
            return None;
        }
        let d = match self.w(i) {
            "nineties" => 199,
            "eighties" => 198,
            "seventies" => 197,
            "sixties" => 196,
            "fifties" => 195,
            "forties" => 194,
            _ => 193,
        };
        Some(cand(i, i + 1, TimexType::Date, lit(format!("{d:03}")), Cls::DateThe, "date.decade"))
    }

    /// `the 20th century` → `19`.
    fn century(&self, i: usize) -> Option<Cand> {
        let Lex::Ordinal(n) = self.lex(i) else { return None };
        let j = if self.w(i + 1) == "-" { i + 2 } else { i + 1 };
        if self.w(j) != "century" || n == 0 {
            return None;
        }
        Some(cand(i, j + 1, TimexType::Date, lit(format!("{:02}", n - 1)), Cls::DateThe, "date.century"))
    }

    /// `the third quarter [of 1989]`, `third-quarter`, `Q3 2022`, `the first half of 2021`.
    fn quarter(&self, i: usize) -> Option<Cand> {
        let q = match (self.lex(i), self.w(i)) {
            (Lex::Ordinal(q), _) => q,
            (_, "second") => 2,
            (_, "q1" | "q2" | "q3" | "q4") => {
                let q = self.w(i).as_bytes()[1] as u32 - b'0' as u32;
                let (e, y) = match self.year_at(i + 1, false) {
                    Some((e, y)) => (e, Some(y)),
                    None => (i + 1, None),
                };
                return Some(cand(i, e, TimexType::Date, Sem::Quarter { y, q }, Cls::DateThe, "date.quarter"));
            }
            _ => return None,
        };
        let mut j = i + 1;
        if self.w(j) == "-" {
            j += 1;
        }
        if self.w(j) == "fiscal" {
            j += 1;
        }
        let half = match self.w(j) {
            "quarter" if (1..=4).contains(&q) => false,
            "half" if (1..=2).contains(&q) => true,
            _ => return None,
        };
        let mut e = j + 1;
        let mut y = None;
        let yr = match self.w(e) {
            "of" | "," => self.year_at(e + 1, true),
            _ => self.year_at(e, false),
        };
        if let Some((e2, yy)) = yr {
            e = e2;
            y = Some(yy);
        }
        if half {
            // `the first half` of a match or a film is no date: insist on `the` or a year.
            if y.is_none() && self.prev(i) != "the" {
                return None;
            }
            return Some(cand(i, e, TimexType::Date, Sem::HalfYear { y, h: q }, Cls::DateThe, "date.half-year"));
        }
        Some(cand(i, e, TimexType::Date, Sem::Quarter { y, q }, Cls::DateThe, "date.quarter"))
    }

    /// `the 1988 second quarter`.
    fn year_quarter(&self, i: usize) -> Option<Cand> {
        let (j, y) = self.year_at(i, false)?;
        let mut c = self.quarter(j)?;
        if let Sem::Quarter { y: yy @ None, .. } | Sem::HalfYear { y: yy @ None, .. } = &mut c.sem {
            *yy = Some(y);
            c.s = i;
            return Some(c);
        }
        None
    }

    /// `year-ago`, `year-earlier` (adjectives of the financial press): the previous year.
    fn year_ago(&self, i: usize) -> Option<Cand> {
        if self.w(i) != "year" || self.w(i + 1) != "-" || !matches!(self.w(i + 2), "ago" | "earlier") {
            return None;
        }
        // `the year-ago quarter`: the reported quarter (the last completed one) a year back.
        if matches!(self.w(i + 3), "quarter" | "period") {
            return Some(cand(i, i + 4, TimexType::Date, Sem::Shift { g: Gran::Quarter, n: -5 }, Cls::DateThe, "date.year-ago-quarter"));
        }
        Some(cand(i, i + 3, TimexType::Date, Sem::Shift { g: Gran::Year, n: -1 }, Cls::Date, "date.year-ago"))
    }

    fn season(&self, i: usize) -> Option<Cand> {
        let Lex::Season(s) = self.lex(i) else { return None };
        let j = i + 1;
        let yr = match self.w(j) {
            "of" => self.year_at(j + 1, true),
            _ => self.year_at(j, false),
        };
        if let Some((e, y)) = yr {
            return Some(cand(i, e, TimexType::Date, Sem::Season { y: Some(y), s, dir: Dir::Tense }, Cls::DateThe, "date.season-year"));
        }
        // `fall` and `spring` are verbs, `the fall of Kabul` no date: a bare season needs a
        // preposition or modifier before it and no `of` after it.
        let prev_ok = matches!(
            self.prev(i),
            "in" | "the" | "this" | "last" | "next" | "early" | "late" | "mid" | "-" | "during" | "since" | "until"
                | "by" | "through" | "past" | "coming"
        );
        // `the spring collection`: a season used as a modifier is no date.
        if !prev_ok || self.w(j) == "of" || self.starts_noun(j) {
            return None;
        }
        Some(cand(i, j, TimexType::Date, Sem::Season { y: None, s, dir: Dir::Tense }, Cls::DateThe, "date.season"))
    }

    // ---- weekdays, deictics, relative expressions ---------------------------------------------

    /// `Wednesday`, `Tuesday night`, `Saturday, April 25`.
    fn weekday(&self, i: usize) -> Option<Cand> {
        let Lex::Weekday(wd) = self.lex(i) else { return None };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if self.abbr_dot(j) {
            j += 1;
        }
        // A full date after the weekday belongs to the same expression.
        let k = if self.w(j) == "," { j + 1 } else { j };
        if let Some(mut c) = longer(self.month_rules(k).filter(|c| matches!(c.sem, Sem::Date { .. })), self.day_month(k)) {
            c.s = i;
            return Some(c);
        }
        if let Some(pod) = self.w(j).strip_suffix('s').and_then(pod_of) {
            // `Tuesday nights`: every Tuesday night.
            return Some(cand(i, j + 1, TimexType::Set, lit(format!("XXXX-WXX-{wd}{pod}")), Cls::Set, "set.weekday-parts-of-day"));
        }
        if let Some(pod) = self.part_of_day(j) {
            let mut c = cand(i, j + 1, TimexType::Time, Sem::Weekday { wd, dir: Dir::Tense }, Cls::Date, "time.weekday-part-of-day");
            c.suffix = Some(pod.to_string());
            return Some(c);
        }
        Some(cand(i, j, TimexType::Date, Sem::Weekday { wd, dir: Dir::Tense }, Cls::Date, "date.weekday"))
    }

    /// `mid-afternoon yesterday`, `morning Tuesday`.
    fn part_of_day_then_day(&self, i: usize) -> Option<Cand> {
        let pod = self.part_of_day(i)?;
        let j = i + 1;
        let day = match self.lex(j) {
            Lex::Weekday(_) => self.weekday(j).filter(|c| c.kind == TimexType::Date),
            _ if matches!(self.w(j), "today" | "yesterday" | "tomorrow") => self.deictic(j).filter(|c| c.kind == TimexType::Date),
            _ => None,
        }?;
        let mut c = cand(i, day.e, TimexType::Time, day.sem, Cls::Date, "time.part-of-day-day");
        c.suffix = Some(pod.to_string());
        Some(c)
    }

    fn part_of_day(&self, i: usize) -> Option<&'static str> {
        pod_of(self.w(i))
    }
}

/// The TIMEX3 time suffix of a part of the day.
fn pod_of(w: &str) -> Option<&'static str> {
    {
        match w {
            "morning" => Some("TMO"),
            "afternoon" => Some("TAF"),
            "evening" => Some("TEV"),
            "night" => Some("TNI"),
            _ => None,
        }
    }
}

impl<'a> Matcher<'a> {

    /// `today`, `yesterday morning`, `tonight`, `now`, `recently`, `the past`, `the near future`.
    fn deictic(&self, i: usize) -> Option<Cand> {
        let day = |n: i32, rule: &'static str| {
            let mut c = cand(i, i + 1, TimexType::Date, Sem::Shift { g: Gran::Day, n }, Cls::Date, rule);
            if let Some(pod) = self.part_of_day(i + 1) {
                c.e = i + 2;
                c.kind = TimexType::Time;
                c.suffix = Some(pod.to_string());
            }
            Some(c)
        };
        let r = |e: usize, v: &str, rule: &'static str| Some(cand(i, e, TimexType::Date, lit(v), Cls::Ref, rule));
        match self.w(i) {
            "today" => day(0, "date.today"),
            "tomorrow" => day(1, "date.tomorrow"),
            "yesterday" => day(-1, "date.yesterday"),
            "tonight" => {
                let mut c = cand(i, i + 1, TimexType::Time, Sem::Shift { g: Gran::Day, n: 0 }, Cls::Date, "time.tonight");
                c.suffix = Some("TNI".into());
                Some(c)
            }
            "now" | "currently" | "nowadays" => r(i + 1, "PRESENT_REF", "date.present-ref"),
            "recently" | "lately" | "previously" | "formerly" => r(i + 1, "PAST_REF", "date.past-ref"),
            "more" | "most" if self.w(i + 1) == "recently" => r(i + 2, "PAST_REF", "date.past-ref"),
            "the" => match (self.w(i + 1), self.w(i + 2)) {
                ("past", _) if !self.starts_number_or_unit(i + 2) => r(i + 2, "PAST_REF", "date.the-past"),
                // `the future of X` is a topic, not a time.
                ("future", "of") => None,
                ("future", _) => r(i + 2, "FUTURE_REF", "date.the-future"),
                ("weekend", _) => Some(cand(i, i + 2, TimexType::Date, Sem::Weekend, Cls::Date, "date.the-weekend")),
                // Earnings language: `the quarter`, `the latest quarter` is the one reported on,
                // the last completed.
                ("quarter", _) if !self.cap(i + 1) => Some(cand(i, i + 2, TimexType::Date, Sem::Shift { g: Gran::Quarter, n: -1 }, Cls::Date, "date.the-quarter")),
                ("latest" | "recent", "quarter" | "period") => Some(cand(i, i + 3, TimexType::Date, Sem::Shift { g: Gran::Quarter, n: -1 }, Cls::Date, "date.the-quarter")),
                ("full" | "fiscal" | "calendar", "year") => Some(cand(i, i + 3, TimexType::Date, Sem::Shift { g: Gran::Year, n: 0 }, Cls::Date, "date.the-year")),
                ("year", next) if matches!(self.prev(i), "for" | "during" | "in") && !matches!(next, "ending" | "ended" | "before" | "after" | "to" | "of" | "when" | "that") && self.year_at(i + 2, true).is_none() => {
                    Some(cand(i, i + 2, TimexType::Date, Sem::Shift { g: Gran::Year, n: 0 }, Cls::Date, "date.the-year"))
                }
                // `the end of the month`
                ("month" | "week" | "year", _) if self.prev(i) == "of" => {
                    let g = match self.w(i + 1) {
                        "month" => Gran::Month,
                        "week" => Gran::Week,
                        _ => Gran::Year,
                    };
                    Some(cand(i, i + 2, TimexType::Date, Sem::Shift { g, n: 0 }, Cls::Date, "date.the-unit"))
                }
                // `over the years`
                ("years" | "decades" | "months" | "weeks" | "centuries", _) if matches!(self.prev(i), "over" | "through" | "across" | "throughout" | "down") => {
                    let Lex::Unit { unit, .. } = self.lex(i + 1) else { return None };
                    Some(cand(i, i + 2, TimexType::Duration, lit(dur_value(NumV::X, unit)?), Cls::Ref, "duration.over-the-units"))
                }
                ("near" | "distant" | "foreseeable" | "immediate", "future") => r(i + 3, "FUTURE_REF", "date.the-future"),
                ("year", _) => {
                    let (e, y) = self.year_at(i + 2, true)?;
                    Some(cand(i, e, TimexType::Date, lit(format!("{y:04}")), Cls::Date, "date.the-year"))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn starts_number_or_unit(&self, i: usize) -> bool {
        matches!(self.lex(i), Lex::Num { .. } | Lex::NumWord(_) | Lex::Unit { .. } | Lex::Weekday(_) | Lex::Month { .. } | Lex::Season(_))
            || matches!(self.w(i), "few" | "several" | "couple" | "many")
    }

    /// `last month`, `this year`, `next Friday`, `last May`, `this morning`, `the last two years`,
    /// `the coming months`, `recent years`.
    fn rel(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let n: i32 = match w {
            "last" | "past" | "previous" | "preceding" | "recent" => -1,
            "this" | "current" | "these" => 0,
            "next" | "coming" => 1,
            _ => 0, // `first`: durations only
        };
        let durations_only = w == "first";
        let mut j = i + 1;
        // `this coming Sunday`, `this past weekend`.
        let n = match (w, self.w(j)) {
            ("this", "coming") => {
                j += 1;
                1
            }
            ("this", "past") => {
                j += 1;
                -1
            }
            _ => n,
        };
        if self.w(j) == "fiscal" {
            j += 1;
        }
        // A count: `the last two years` (a duration), `the past few weeks`.
        if let Some((k, nv)) = self.num(j) {
            if let Lex::Unit { unit, plural } = self.lex(k) {
                let counted = plural || nv == NumV::N(1);
                // `last` is also a verb (`talks will last two days`): the duration reading needs `the`.
                if counted && !matches!(w, "this" | "current") && (self.prev(i) == "the" || w == "these") {
                    let v = dur_value(nv, unit)?;
                    return Some(cand(i, k + 1, TimexType::Duration, lit(v), Cls::RelDur, "duration.last-n-units"));
                }
            }
        }
        if durations_only {
            // `the first hours`
            if let Lex::Unit { unit, plural: true } = self.lex(j) {
                if self.prev(i) == "the" {
                    return Some(cand(i, j + 1, TimexType::Duration, lit(dur_value(NumV::X, unit)?), Cls::RelDur, "duration.first-units"));
                }
            }
            return None;
        }
        match self.lex(j) {
            Lex::Unit { unit, plural: false } => {
                let g = match unit {
                    Unit::Day => Gran::Day,
                    Unit::Week | Unit::Fortnight => Gran::Week,
                    Unit::Weekend => Gran::Weekend,
                    Unit::Month => Gran::Month,
                    Unit::Quarter => Gran::Quarter,
                    Unit::Year => Gran::Year,
                    Unit::Decade => Gran::Decade,
                    Unit::Century => Gran::Century,
                    Unit::Night if matches!(w, "last" | "this") => {
                        let mut c = cand(i, j + 1, TimexType::Time, Sem::Shift { g: Gran::Day, n: n.min(0) }, Cls::Date, "time.relative-part-of-day");
                        c.suffix = Some("TNI".into());
                        return Some(c);
                    }
                    _ => return None,
                };
                if w == "recent" || w == "these" || self.cap(j) {
                    // `This Week` with a capital is a title (a programme), not a date.
                    return None;
                }
                let e = if self.w(j + 1) == "or" && self.w(j + 2) == "so" { j + 3 } else { j + 1 };
                Some(cand(i, e, TimexType::Date, Sem::Shift { g, n }, Cls::DateThe, "date.relative-unit"))
            }
            Lex::Unit { unit, plural: true } => {
                let (kind, v, rule) = match n {
                    1 => (TimexType::Date, "FUTURE_REF".to_string(), "date.coming-units"),
                    -1 => (TimexType::Duration, dur_value(NumV::X, unit)?, "duration.recent-units"),
                    _ => return None,
                };
                Some(cand(i, j + 1, kind, lit(v), Cls::DateThe, rule))
            }
            Lex::Weekday(wd) if self.cap(j) && w != "recent" => {
                let dir = match n {
                    -1 => Dir::Back,
                    1 => Dir::Fwd,
                    _ => Dir::This,
                };
                let mut c = cand(i, j + 1, TimexType::Date, Sem::Weekday { wd, dir }, Cls::Date, "date.relative-weekday");
                // `this coming Sunday, March eighth`: the date says it all.
                let k = if self.w(j + 1) == "," { j + 2 } else { j + 1 };
                if let Some(d) = self.month_rules(k).filter(|d| matches!(d.sem, Sem::Date { .. })) {
                    c.e = d.e;
                    c.sem = d.sem;
                    return Some(c);
                }
                if let Some(pod) = self.part_of_day(j + 1) {
                    c.e += 1;
                    c.kind = TimexType::Time;
                    c.suffix = Some(pod.to_string());
                }
                Some(c)
            }
            Lex::Month { m, .. } if self.cap(j) && w != "recent" => {
                let dir = match n {
                    -1 => Dir::Back,
                    1 => Dir::Fwd,
                    _ => Dir::This,
                };
                Some(cand(i, j + 1, TimexType::Date, Sem::Month { y: None, m, dir }, Cls::Date, "date.relative-month"))
            }
            Lex::Season(s) if w != "recent" => {
                let dir = match n {
                    -1 => Dir::Back,
                    1 => Dir::Fwd,
                    _ => Dir::This,
                };
                Some(cand(i, j + 1, TimexType::Date, Sem::Season { y: None, s, dir }, Cls::DateThe, "date.relative-season"))
            }
            Lex::PartOfDay(_) if w == "this" => {
                let pod = self.part_of_day(j)?;
                let mut c = cand(i, j + 1, TimexType::Time, Sem::Shift { g: Gran::Day, n: 0 }, Cls::Date, "time.relative-part-of-day");
                c.suffix = Some(pod.to_string());
                Some(c)
            }
            _ => None,
        }
    }

    // ---- durations, clock times, sets ---------------------------------------------------------

    /// `23 years`, `two-day`, `a few minutes`, `8-month-old`, and with `ago`: `two days ago`.
    fn duration(&self, i: usize) -> Option<Cand> {
        let (j, nv) = self.num(i)?;
        // `20 more years`, `an additional year`, `a full year`.
        let j = if matches!(self.w(j), "more" | "additional" | "further" | "extra" | "straight" | "consecutive" | "full" | "successive" | "whole" | "entire") { j + 1 } else { j };
        let (k, hyphen) = if self.w(j) == "-" && self.glued(j) { (j + 1, true) } else { (j, false) };
        let Lex::Unit { unit, plural } = self.lex(k) else { return None };
        // `three-quarters of`: a fraction.
        if unit == Unit::Quarter && (hyphen || self.w(k + 1) == "of") {
            return None;
        }
        // `700 seats a week`, `$1.76 a year`: a rate, which TimeBank leaves untagged (but
        // `twice a year` is a SET, see `frequency_set`).
        if matches!(self.w(i), "a" | "an") && !plural {
            let p = self.prev(i);
            let rate = p.starts_with(|c: char| c.is_ascii_digit())
                || matches!(p, "share" | "cents" | "dollars" | "percent" | "%" | "head" | "piece" | "people" | "men" | "women" | "children")
                || (p.len() > 3 && p.ends_with('s') && p.bytes().all(|b| b.is_ascii_lowercase())
                    && !matches!(p, "this" | "was" | "has" | "its" | "plus" | "less" | "across" | "perhaps" | "always" | "thus" | "times" | "does" | "towards" | "afterwards" | "besides"));
            if rate {
                return None;
            }
        }
        let single = matches!(nv, NumV::N(1) | NumV::Half);
        if !hyphen && ((single && plural && !matches!(self.lex(i), Lex::Num { .. })) || (!single && !plural)) {
            // `a years`, `two year` (but `five year low` is an adjective: allowed below).
            if !( !single && !plural && self.starts_noun(k + 1)) {
                return None;
            }
        }
        let mut e = k + 1;
        // `a week or so ago`
        let or_so = self.w(e) == "or" && self.w(e + 1) == "so";
        let after = if or_so { e + 2 } else { e };
        let ago = match self.w(after) {
            "ago" => Some(-1),
            "earlier" => Some(-1),
            "later" => Some(1),
            "from" if self.w(after + 1) == "now" => Some(1),
            "hence" => Some(1),
            _ => None,
        };
        if let (Some(sign), false) = (ago, hyphen) {
            let end = if self.w(after) == "from" { after + 2 } else { after + 1 };
            let sem = match (nv, unit) {
                (NumV::N(n), u) => {
                    let (g, mult) = match u {
                        Unit::Second | Unit::Minute | Unit::Hour => (Gran::Day, 0),
                        Unit::Day | Unit::Night => (Gran::Day, 1),
                        Unit::Week | Unit::Weekend => (Gran::Week, 1),
                        Unit::Fortnight => (Gran::Week, 2),
                        Unit::Month => (Gran::Month, 1),
                        Unit::Quarter => (Gran::Quarter, 1),
                        Unit::Year => (Gran::Year, 1),
                        Unit::Decade => (Gran::Decade, 1),
                        Unit::Century => (Gran::Century, 1),
                        Unit::Millennium => return None,
                    };
                    Sem::Shift { g, n: sign * mult * n as i32 }
                }
                _ => lit(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }),
            };
            return Some(cand(i, end, TimexType::Date, sem, Cls::Ago, "date.ago"));
        }
        // Ages (`37 years old`) are not annotated in TimeBank; `8-month-old` is.
        if !hyphen && (self.w(e) == "old" || (self.w(e) == "of" && self.w(e + 1) == "age")) {
            return None;
        }
        let mut cls = if hyphen { Cls::DurAdj } else { Cls::Dur };
        if self.w(e) == "-" && matches!(self.w(e + 1), "old" | "long") {
            e += 2;
            cls = Cls::DurAdj;
        } else if hyphen && matches!(self.w(e), "old" | "long") {
            e += 1;
        }
        let v = dur_value(nv, unit)?;
        Some(cand(i, e, TimexType::Duration, lit(v), cls, "duration.number-unit"))
    }

    /// A word that can head a noun phrase after an adjectival duration (`five year low`).
    fn starts_noun(&self, i: usize) -> bool {
        matches!(self.lex(i), Lex::Other) && !self.w(i).is_empty() && self.w(i).chars().all(|c| c.is_alphabetic())
            && !matches!(self.w(i), "and" | "or" | "of" | "in" | "to" | "the" | "a" | "for" | "on" | "at" | "ago" | "later" | "earlier" | "before" | "after" | "since" | "that" | "which" | "from" | "with" | "by" | "as" | "is" | "was" | "were" | "are")
    }

    /// `for years`, `in months`: a plural unit with no count after a preposition.
    fn bare_units(&self, i: usize) -> Option<Cand> {
        let Lex::Unit { unit, plural: true } = self.lex(i) else { return None };
        if !matches!(self.prev(i), "for" | "in" | "over" | "within") || unit == Unit::Quarter || unit == Unit::Weekend || unit == Unit::Night {
            return None;
        }
        if matches!(self.w(i + 1), "of" | "-") {
            return None;
        }
        Some(cand(i, i + 1, TimexType::Duration, lit(dur_value(NumV::X, unit)?), Cls::Dur, "duration.bare-plural"))
    }

    /// `3 p.m.`, `7:15 p.m. EST`, `10 p.m. Wednesday`, `noon Saturday`, `3 p.m. local time`.
    fn clock(&self, i: usize) -> Option<Cand> {
        let (mut j, h, m, strong) = match self.lex(i) {
            Lex::Clock { h, m } => match self.lex(i + 1) {
                Lex::Meridiem(pm) if h <= 12 => (i + 2, to24(h, pm), m, true),
                _ => (i + 1, h, m, false),
            },
            Lex::ClockPm { h } => (i + 1, h, 0, true),
            Lex::Num { v, digits: 1..=2 } if (1..=12).contains(&v) => match self.lex(i + 1) {
                Lex::Meridiem(pm) => (i + 2, to24(v, pm), 0, true),
                _ if self.w(i + 1) == "o'clock" => (i + 2, v, 0, true),
                _ => return None,
            },
            Lex::NumWord(v) if (1..=12).contains(&v) && self.w(i + 1) == "o'clock" => (i + 2, v, 0, true),
            _ => match self.w(i) {
                "noon" | "midday" => (i + 1, 12, 0, true),
                "midnight" => (i + 1, 24, 0, true),
                _ => return None,
            },
        };
        // Periods of `a.m.` split off by a tokenizer.
        if self.abbr_dot(j) {
            j += 1;
        }
        let zone = if matches!(self.lex(j), Lex::Zone) && self.cap(j) {
            j += 1;
            true
        } else if self.w(j) == "local" && self.w(j + 1) == "time" {
            j += 2;
            true
        } else {
            false
        };
        if !strong && !zone && !matches!(self.prev(i), "at" | "by" | "until" | "till" | "around" | "about" | "before" | "after" | "from") {
            return None;
        }
        let suffix = format!("T{h:02}:{m:02}");
        // A day after the time joins it: `10 p.m. Wednesday`, `5 p.m. EST Nov. 9`, `noon today`.
        let k = if matches!(self.w(j), "," | "on") { j + 1 } else { j };
        let day = match self.lex(k) {
            Lex::Weekday(_) => self.weekday(k).filter(|c| c.kind == TimexType::Date),
            Lex::Month { .. } => self.month_rules(k).filter(|c| matches!(c.sem, Sem::Date { .. })),
            _ => match self.w(k) {
                "today" | "yesterday" | "tomorrow" => self.deictic(k).filter(|c| c.kind == TimexType::Date),
                _ => None,
            },
        };
        let (e, sem) = match day {
            Some(d) => (d.e, d.sem),
            None => (j, Sem::Shift { g: Gran::Day, n: 0 }),
        };
        let mut c = cand(i, e, TimexType::Time, sem, Cls::Clock, "time.clock");
        c.suffix = Some(suffix);
        Some(c)
    }

    /// `every year`, `each Thursday`, `every two weeks`, `twice a year`.
    fn set(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let mut j = i + 1;
        if w == "per" {
            // `twice per year` and `$5 per day` alike: a rate per unit.
            let Lex::Unit { unit, plural: false } = self.lex(j) else { return None };
            return Some(cand(i, j + 1, TimexType::Set, lit(dur_value(NumV::N(1), unit)?), Cls::Set, "set.per-unit"));
        }
        let other = self.w(j) == "other";
        if other {
            j += 1;
        }
        let mult = if other { 2 } else { 1 };
        match self.lex(j) {
            Lex::Unit { unit, plural: false } => {
                Some(cand(i, j + 1, TimexType::Set, lit(dur_value(NumV::N(mult), unit)?), Cls::Set, "set.every-unit"))
            }
            Lex::Weekday(wd) => {
                let mut c = cand(i, j + 1, TimexType::Set, lit(format!("XXXX-WXX-{wd}")), Cls::Set, "set.every-weekday");
                if let Some(pod) = self.part_of_day(j + 1) {
                    c.e += 1;
                    c.sem = lit(format!("XXXX-WXX-{wd}{pod}"));
                }
                Some(c)
            }
            Lex::Month { m, .. } if self.cap(j) => {
                Some(cand(i, j + 1, TimexType::Set, lit(format!("XXXX-{m:02}")), Cls::Set, "set.every-month"))
            }
            Lex::Season(s) => {
                let code = ["SP", "SU", "FA", "WI"][s as usize];
                Some(cand(i, j + 1, TimexType::Set, lit(format!("XXXX-{code}")), Cls::Set, "set.every-season"))
            }
            _ => {
                if let Some(pod) = self.part_of_day(j) {
                    return Some(cand(i, j + 1, TimexType::Set, lit(format!("XXXX-XX-XX{pod}")), Cls::Set, "set.every-part-of-day"));
                }
                let (k, nv) = self.num(j)?;
                let Lex::Unit { unit, plural: true } = self.lex(k) else { return None };
                Some(cand(i, k + 1, TimexType::Set, lit(dur_value(nv, unit)?), Cls::Set, "set.every-n-units"))
            }
        }
    }
}

/// `twice a year`: the `a year` after a frequency word is a SET. Checked by the caller after a
/// duration match because `a year` alone is a duration.
pub fn frequency_set(p: &Pieces, c: &mut Cand) {
    if c.kind != TimexType::Duration || c.s == 0 {
        return;
    }
    let prev = p.low(c.s - 1);
    let first = p.low(c.s);
    if matches!(prev, "once" | "twice" | "thrice" | "times") && matches!(first, "a" | "an") {
        c.kind = TimexType::Set;
        c.cls = Cls::Set;
        c.rule = "set.times-a-unit";
    }
}

/// The TIMEX3 duration value of a count of units: `P2D`, `PT3H`, `P20Y` (decades and centuries
/// in years, as TimeBank writes them), `PXY` for an unspecified count.
fn dur_value(n: NumV, unit: Unit) -> Option<String> {
    let (time, letter, mult) = match unit {
        Unit::Second => (true, "S", 1),
        Unit::Minute => (true, "M", 1),
        Unit::Hour => (true, "H", 1),
        Unit::Day | Unit::Night => (false, "D", 1),
        Unit::Week => (false, "W", 1),
        Unit::Weekend => (false, "WE", 1),
        Unit::Fortnight => (false, "W", 2),
        Unit::Month => (false, "M", 1),
        Unit::Quarter => (false, "M", 3),
        Unit::Year => (false, "Y", 1),
        Unit::Decade => (false, "Y", 10),
        Unit::Century => (false, "Y", 100),
        Unit::Millennium => (false, "Y", 1000),
    };
    let t = if time { "T" } else { "" };
    Some(match n {
        NumV::N(v) => format!("P{t}{}{letter}", v as u64 * mult),
        NumV::X => match unit {
            Unit::Decade => "PXDE".to_string(),
            Unit::Century => "PXCE".to_string(),
            _ => format!("P{t}X{letter}"),
        },
        NumV::NHalf(v) => match unit {
            Unit::Hour => format!("PT{v}H30M"),
            Unit::Minute => format!("PT{v}M30S"),
            Unit::Day => format!("P{v}DT12H"),
            Unit::Year => format!("P{v}Y6M"),
            _ => return None,
        },
        NumV::Half => match unit {
            Unit::Hour => "PT30M".into(),
            Unit::Minute => "PT30S".into(),
            Unit::Day => "PT12H".into(),
            Unit::Year => "P6M".into(),
            Unit::Month => "P2W".into(),
            Unit::Decade => "P5Y".into(),
            Unit::Century => "P50Y".into(),
            _ => return None,
        },
    })
}
