//! Dates in the data files: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (leaders tables, own formats) and
//! `YYMMDD` / `YYYYMMDD` (PETRARCH). A partial date means the start of its period when it opens a
//! range and the end of it when it closes one, so `2018` as an end date covers all of 2018.

use chrono::NaiveDate;

/// Which end of a range a partial date stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Start,
    End,
}

pub(crate) fn parse_iso(s: &str, bound: Bound) -> Option<NaiveDate> {
    let mut it = s.trim().split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: Option<u32> = match it.next() {
        Some(x) => Some(x.parse().ok()?),
        None => None,
    };
    let d: Option<u32> = match it.next() {
        Some(x) => Some(x.parse().ok()?),
        None => None,
    };
    if it.next().is_some() || !(1000..=9999).contains(&y) {
        return None;
    }
    match (m, d, bound) {
        (None, _, Bound::Start) => NaiveDate::from_ymd_opt(y, 1, 1),
        (None, _, Bound::End) => NaiveDate::from_ymd_opt(y, 12, 31),
        (Some(m), None, Bound::Start) => NaiveDate::from_ymd_opt(y, m, 1),
        (Some(m), None, Bound::End) => last_of_month(y, m),
        (Some(m), Some(d), _) => NaiveDate::from_ymd_opt(y, m, d),
    }
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) }?;
    first_next.pred_opt()
}

/// PETRARCH dates: `YYMMDD` (years 00-29 are 20xx, others 19xx, as in the Phoenix files) or
/// `YYYYMMDD`. A day or month of `00`, and a few mistyped 7- or 10-digit dates in the Phoenix files,
/// are read leniently: the first parse that gives a real date wins.
pub(crate) fn parse_petrarch(s: &str, bound: Bound) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        7 => (s[..4].parse().ok()?, &s[4..]), // YYYYMDD typo: month one digit
        10 => (s[..4].parse().ok()?, &s[4..8]), // stray digits at the end
        _ => return None,
    };
    let (m, d): (u32, u32) = if rest.len() == 3 {
        (rest[..1].parse().ok()?, rest[1..].parse().ok()?)
    } else {
        (rest[..2].parse().ok()?, rest[2..].parse().ok()?)
    };
    match (m, d) {
        (0, _) => parse_iso(&y.to_string(), bound),
        (m, 0) => parse_iso(&format!("{y}-{m:02}"), bound),
        _ => NaiveDate::from_ymd_opt(y, m, d).or_else(|| parse_iso(&format!("{y}-{m:02}"), bound)),
    }
}

/// Today's date, used when an article has none (results are then flagged `date_assumed`).
pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn partial_dates_widen_to_their_period() {
        let cases: &[(&str, Bound, Option<NaiveDate>)] = &[
            ("2018-08-18", Bound::Start, d(2018, 8, 18)),
            ("2018-08", Bound::Start, d(2018, 8, 1)),
            ("2018-02", Bound::End, d(2018, 2, 28)),
            ("2020-02", Bound::End, d(2020, 2, 29)),
            ("2018", Bound::Start, d(2018, 1, 1)),
            ("2018", Bound::End, d(2018, 12, 31)),
            ("2018-13", Bound::Start, None),
            ("18-08-01", Bound::Start, None),
            ("", Bound::Start, None),
        ];
        for (s, b, want) in cases {
            assert_eq!(parse_iso(s, *b), *want, "{s}");
        }
    }

    #[test]
    fn petrarch_dates() {
        let cases: &[(&str, Bound, Option<NaiveDate>)] = &[
            ("180818", Bound::Start, d(2018, 8, 18)),
            ("991231", Bound::End, d(1999, 12, 31)),
            ("20180818", Bound::Start, d(2018, 8, 18)),
            ("2004017", Bound::Start, d(2004, 1, 1)),
            ("030100", Bound::End, d(2003, 1, 31)),
            ("x80818", Bound::Start, None),
        ];
        for (s, b, want) in cases {
            assert_eq!(parse_petrarch(s, *b), *want, "{s}");
        }
    }
}
