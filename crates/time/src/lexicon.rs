//! Word tables: the closed classes a time expression is built from. Kept as plain tables so that
//! adding a spelling is one line; loaded once into a hash map by [`Lexicon::new`].

use std::collections::HashMap;

/// A calendar unit as it appears in durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Night,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
    Noon,
    Midnight,
}

/// What one lower-cased word can contribute to a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    Other,
    /// Digits only; `digits` counts them (so `02` and `2` differ), `comma` if written `1,000`.
    Num { v: u32, digits: u8 },
    /// A cardinal written as a word (`two`, `twenty`, `hundred`).
    NumWord(u32),
    /// `first`, `3rd`.
    Ordinal(u32),
    /// 1 = January. `abbr` for `Feb.`-style forms, which need a capital letter and a day/year.
    Month { m: u32, abbr: bool },
    /// 1 = Monday (ISO).
    Weekday(u32),
    Unit { unit: Unit, plural: bool },
    /// 0 = spring, 1 = summer, 2 = fall, 3 = winter.
    Season(u32),
    PartOfDay(PartOfDay),
    /// `1990s` → 199; `90s` → 199 (two-digit decades read as the 1900s from 30 on, else 2000s).
    Decade(u32),
    /// `7:15` (hours, minutes).
    Clock { h: u32, m: u32 },
    /// `3pm`, `11am` (hour already in 24-hour form).
    ClockPm { h: u32 },
    /// `a.m.` (false) / `p.m.` (true).
    Meridiem(bool),
    /// `daily`, `weekly`: frequency adverbs with their SET value.
    SetAdverb(&'static str),
    /// Time zones written after a clock time.
    Zone,
}

pub struct Lexicon {
    map: HashMap<&'static str, Lex>,
}

const MONTHS: &[(&str, u32, bool)] = &[
    ("january", 1, false), ("jan", 1, true), ("jan.", 1, true),
    ("february", 2, false), ("feb", 2, true), ("feb.", 2, true),
    ("march", 3, false), ("mar", 3, true), ("mar.", 3, true),
    ("april", 4, false), ("apr", 4, true), ("apr.", 4, true),
    ("may", 5, false),
    ("june", 6, false), ("jun", 6, true), ("jun.", 6, true),
    ("july", 7, false), ("jul", 7, true), ("jul.", 7, true),
    ("august", 8, false), ("aug", 8, true), ("aug.", 8, true),
    ("september", 9, false), ("sep", 9, true), ("sep.", 9, true), ("sept", 9, true), ("sept.", 9, true),
    ("october", 10, false), ("oct", 10, true), ("oct.", 10, true),
    ("november", 11, false), ("nov", 11, true), ("nov.", 11, true),
    ("december", 12, false), ("dec", 12, true), ("dec.", 12, true),
];

const WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 1), ("mon.", 1), ("tuesday", 2), ("tues.", 2), ("tue.", 2), ("wednesday", 3), ("wed.", 3),
    ("thursday", 4), ("thurs.", 4), ("thu.", 4), ("friday", 5), ("fri.", 5), ("saturday", 6), ("sat.", 6),
    ("sunday", 7), ("sun.", 7),
];

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fourty", 40), ("fifty", 50),
    ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100), ("thousand", 1000),
    ("dozen", 12),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7),
    ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("thirteenth", 13),
    ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18),
    ("nineteenth", 19), ("twentieth", 20), ("thirtieth", 30),
];

const UNITS: &[(&str, Unit, bool)] = &[
    ("second", Unit::Second, false), ("seconds", Unit::Second, true),
    ("minute", Unit::Minute, false), ("minutes", Unit::Minute, true), ("min", Unit::Minute, false),
    ("mins", Unit::Minute, true),
    ("hour", Unit::Hour, false), ("hours", Unit::Hour, true), ("hr", Unit::Hour, false), ("hrs", Unit::Hour, true),
    ("day", Unit::Day, false), ("days", Unit::Day, true),
    ("night", Unit::Night, false), ("nights", Unit::Night, true),
    ("week", Unit::Week, false), ("weeks", Unit::Week, true),
    ("weekend", Unit::Weekend, false), ("weekends", Unit::Weekend, true),
    ("fortnight", Unit::Fortnight, false), ("fortnights", Unit::Fortnight, true),
    ("month", Unit::Month, false), ("months", Unit::Month, true),
    ("quarter", Unit::Quarter, false), ("quarters", Unit::Quarter, true),
    ("year", Unit::Year, false), ("years", Unit::Year, true), ("yr", Unit::Year, false), ("yrs", Unit::Year, true),
    ("decade", Unit::Decade, false), ("decades", Unit::Decade, true),
    ("century", Unit::Century, false), ("centuries", Unit::Century, true),
    ("millennium", Unit::Millennium, false), ("millennia", Unit::Millennium, true),
];

const SEASONS: &[(&str, u32)] = &[("spring", 0), ("summer", 1), ("fall", 2), ("autumn", 2), ("winter", 3)];

const PARTS_OF_DAY: &[(&str, PartOfDay)] = &[
    ("morning", PartOfDay::Morning), ("mornings", PartOfDay::Morning),
    ("afternoon", PartOfDay::Afternoon), ("afternoons", PartOfDay::Afternoon),
    ("evening", PartOfDay::Evening), ("evenings", PartOfDay::Evening),
    ("night", PartOfDay::Night), ("nights", PartOfDay::Night),
    ("noon", PartOfDay::Noon), ("midday", PartOfDay::Noon), ("midnight", PartOfDay::Midnight),
];

const SET_ADVERBS: &[(&str, &str)] = &[
    ("hourly", "PT1H"), ("daily", "P1D"), ("nightly", "P1D"), ("weekly", "P1W"), ("biweekly", "P2W"),
    ("monthly", "P1M"), ("quarterly", "P3M"), ("annually", "P1Y"), ("yearly", "P1Y"),
    ("biannually", "P6M"),
];

const ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "ist", "pkt",
    "msk", "jst",
];

impl Lexicon {
    pub fn new() -> Self {
        let mut map = HashMap::new();
        for &(w, m, abbr) in MONTHS {
            map.insert(w, Lex::Month { m, abbr });
        }
        for &(w, d) in WEEKDAYS {
            map.insert(w, Lex::Weekday(d));
        }
        for &(w, v) in NUMBER_WORDS {
            map.insert(w, Lex::NumWord(v));
        }
        for &(w, v) in ORDINALS {
            map.insert(w, Lex::Ordinal(v));
        }
        for &(w, unit, plural) in UNITS {
            map.insert(w, Lex::Unit { unit, plural });
        }
        for &(w, s) in SEASONS {
            map.insert(w, Lex::Season(s));
        }
        // "night" is both a unit (two nights) and a part of day (Tuesday night); the grammar asks
        // for the part of day through `part_of_day`, so the unit entry stays.
        for &(w, p) in PARTS_OF_DAY {
            map.entry(w).or_insert(Lex::PartOfDay(p));
        }
        for &(w, v) in SET_ADVERBS {
            map.insert(w, Lex::SetAdverb(v));
        }
        for &w in ZONES {
            map.insert(w, Lex::Zone);
        }
        for w in ["a.m.", "a.m", "am"] {
            map.insert(w, Lex::Meridiem(false));
        }
        for w in ["p.m.", "p.m", "pm"] {
            map.insert(w, Lex::Meridiem(true));
        }
        Lexicon { map }
    }

    /// Classifies one lower-cased piece of a token.
    pub fn classify(&self, low: &str) -> Lex {
        if let Some(&l) = self.map.get(low) {
            return l;
        }
        let b = low.as_bytes();
        if b.is_empty() || !(b[0].is_ascii_digit() || b[0] == b'\'') {
            return Lex::Other;
        }
        classify_numeric(low)
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

/// Digit-initial forms: plain numbers, `1,000`, ordinals `23rd`, decades `1990s` / `'90s`, clock
/// times `7:15`, `3pm`.
fn classify_numeric(low: &str) -> Lex {
    let s = low.strip_prefix('\'').unwrap_or(low);
    let digits_end = s.bytes().position(|c| !(c.is_ascii_digit() || c == b',')).unwrap_or(s.len());
    let (num, rest) = s.split_at(digits_end);
    if num.is_empty() || num.starts_with(',') || num.ends_with(',') {
        return Lex::Other;
    }
    let has_comma = num.contains(',');
    let plain: String = num.chars().filter(|c| *c != ',').collect();
    if plain.len() > 9 {
        return Lex::Other;
    }
    let Ok(v) = plain.parse::<u32>() else { return Lex::Other };
    let apostrophe = s.len() != low.len();
    match rest {
        "" if !apostrophe && !has_comma => Lex::Num { v, digits: plain.len() as u8 },
        // A comma-grouped number is a quantity, never a year or a day.
        "" if !apostrophe => Lex::Num { v, digits: 0 },
        "s" | "'s" if !has_comma && (plain.len() == 4 && v % 10 == 0) => Lex::Decade(v / 10),
        "s" | "'s" if !has_comma && plain.len() == 2 && v % 10 == 0 => {
            Lex::Decade(if v >= 30 { 190 + v / 10 } else { 200 + v / 10 })
        }
        "st" | "nd" | "rd" | "th" if !has_comma && !apostrophe && (1..=99).contains(&v) => Lex::Ordinal(v),
        "am" | "a.m." | "pm" | "p.m." if !has_comma && (1..=12).contains(&v) => {
            let pm = rest.starts_with('p');
            Lex::ClockPm { h: to24(v, pm) }
        }
        _ if rest.starts_with(':') && !has_comma => {
            let r = &rest[1..];
            let (mm, tail) = r.split_at(r.bytes().position(|c| !c.is_ascii_digit()).unwrap_or(r.len()));
            let Ok(m) = mm.parse::<u32>() else { return Lex::Other };
            if mm.len() != 2 || v > 24 || m > 59 {
                return Lex::Other;
            }
            match tail {
                "" => Lex::Clock { h: v, m },
                "am" | "a.m." | "pm" | "p.m." if (1..=12).contains(&v) => {
                    // Fold the meridiem in: the hour comes back in 24-hour form.
                    Lex::Clock { h: to24(v, tail.starts_with('p')), m }
                }
                _ => Lex::Other,
            }
        }
        _ => Lex::Other,
    }
}

/// 12-hour clock to 24-hour: 12 a.m. is 0, 12 p.m. is 12.
pub fn to24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}
