//! Normalisation: from what a rule recognised ([`Sem`]) to a TIMEX3 `value`, against the
//! document creation time. All calendar arithmetic goes through chrono.

use chrono::{Datelike, Days, Months, NaiveDate};

/// Which way an unanchored mention points, read off the clause's tense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No cue: take the occurrence nearest to the document date.
    Unknown,
}

/// Granularity of a shift relative to the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gran {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// How a weekday, month or season without a year is placed relative to the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// `last Friday`: strictly before.
    Back,
    /// `next Friday`: strictly after.
    Fwd,
    /// `this Friday`, `this September`: in the document's own week / year.
    This,
    /// Bare mention: the clause's tense decides.
    Tense,
}

/// The meaning of a recognised expression, before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A value that needs no anchor (`1999`, `P2D`, `PRESENT_REF`).
    Lit(String),
    /// A calendar day; the year is inferred when missing.
    Date { y: Option<i32>, m: u32, d: u32 },
    /// A month; the year is inferred when missing.
    Month { y: Option<i32>, m: u32, dir: Dir },
    Weekday { wd: u32, dir: Dir },
    /// `n` units from the document date (`last month`: Month, -1).
    Shift { g: Gran, n: i32 },
    /// 0 spring, 1 summer, 2 fall, 3 winter.
    Season { y: Option<i32>, s: u32, dir: Dir },
    Quarter { y: Option<i32>, q: u32 },
    /// `the weekend`: the one before the document date in the past tense, else the coming one.
    Weekend,
    /// `June last year`: a month `n` years from the document's.
    MonthOfYear { m: u32, n: i32 },
    HalfYear { y: Option<i32>, h: u32 },
}

const SEASON_CODES: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// Renders `sem` against `dct`; `suffix` is a time of day (`TNI`, `T15:00`) for day-granular
/// values. Without a document date, anchored values fall back to underspecified (`XXXX-WXX-3`) or
/// reference (`PAST_REF`) forms.
pub fn render(sem: &Sem, dct: Option<NaiveDate>, tense: Tense, suffix: Option<&str>) -> String {
    let sfx = suffix.unwrap_or("");
    match sem {
        Sem::Lit(s) => s.clone(),
        Sem::Date { y: Some(y), m, d } => format!("{y:04}-{m:02}-{d:02}{sfx}"),
        Sem::Date { y: None, m, d } => match dct {
            None => format!("XXXX-{m:02}-{d:02}{sfx}"),
            Some(dct) => {
                // The document's year unless the tense (or, without one, distance) says otherwise.
                // Tense is read from cue words and is often wrong in reported speech, so a date
                // within a month of the document keeps the document's year whatever the tense.
                let y = dct.year();
                let date = |y: i32| NaiveDate::from_ymd_opt(y, *m, *d).or_else(|| NaiveDate::from_ymd_opt(y, *m, 28));
                let Some(d0) = date(y) else { return format!("XXXX-{m:02}-{d:02}{sfx}") };
                let diff = (d0 - dct).num_days();
                let y = match tense {
                    Tense::Past if diff > 30 => y - 1,
                    Tense::Future if diff < -30 => y + 1,
                    Tense::Unknown if diff > 183 => y - 1,
                    Tense::Unknown if diff < -183 => y + 1,
                    _ => y,
                };
                format!("{y:04}-{m:02}-{d:02}{sfx}")
            }
        },
        Sem::Month { y: Some(y), m, .. } => format!("{y:04}-{m:02}"),
        Sem::Month { y: None, m, dir } => match dct {
            None => format!("XXXX-{m:02}"),
            Some(dct) => {
                let cur = dct.year() * 12 + dct.month0() as i32;
                let this = dct.year() * 12 + (*m as i32 - 1);
                let idx = match (dir, tense) {
                    // `last February` is last year's February (TimeBank), even in March.
                    (Dir::Back, _) => this - 12,
                    // As for days: the document's year unless tense or distance says otherwise.
                    (Dir::Tense, Tense::Past) if this > cur + 1 => this - 12,
                    (Dir::Tense, Tense::Future) if this < cur - 1 => this + 12,
                    (Dir::Tense, Tense::Unknown) if this > cur + 6 => this - 12,
                    (Dir::Tense, Tense::Unknown) if this < cur - 6 => this + 12,
                    (Dir::Tense, _) => this,
                    _ => place(cur, this, 12, *dir, tense, false),
                };
                format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1)
            }
        },
        Sem::Weekday { wd, dir } => match dct {
            None => format!("XXXX-WXX-{wd}{sfx}"),
            Some(dct) => {
                let today = dct.weekday().number_from_monday() as i64;
                let diff = *wd as i64 - today; // in -6..=6, same ISO week
                let back = if diff <= 0 { diff } else { diff - 7 }; // most recent, today included
                let fwd = if diff >= 0 { diff } else { diff + 7 }; // soonest, today included
                let off = match (dir, tense) {
                    (Dir::Back, _) => if back == 0 { -7 } else { back },
                    (Dir::Fwd, _) => if fwd == 0 { 7 } else { fwd },
                    (Dir::This, _) => diff,
                    (Dir::Tense, Tense::Past) => back,
                    (Dir::Tense, Tense::Future) => fwd,
                    (Dir::Tense, Tense::Unknown) => if -back <= fwd { back } else { fwd },
                };
                format!("{}{sfx}", add_days(dct, off).format("%Y-%m-%d"))
            }
        },
        Sem::Shift { g, n } => match dct {
            None => reference(*n),
            Some(dct) => shift(dct, *g, *n, sfx),
        },
        Sem::Season { y: Some(y), s, .. } => format!("{y:04}-{}", SEASON_CODES[*s as usize]),
        Sem::Season { y: None, s, dir } => match dct {
            None => format!("XXXX-{}", SEASON_CODES[*s as usize]),
            Some(dct) => {
                let cur = season_index(dct);
                let this = dct.year() * 4 + *s as i32;
                // "this winter" in January is the winter that began in the previous December.
                let this = if *dir == Dir::This && *s == 3 && dct.month() <= 2 { this - 4 } else { this };
                let idx = place(cur, this, 4, *dir, tense, true);
                format!("{:04}-{}", idx.div_euclid(4), SEASON_CODES[idx.rem_euclid(4) as usize])
            }
        },
        Sem::Quarter { y, q } => match (y, dct) {
            (Some(y), _) => format!("{y:04}-Q{q}"),
            // A quarter still ahead of the document in a past-tense clause is last year's.
            (None, Some(d)) if tense == Tense::Past && *q > d.month0() / 3 + 1 => format!("{:04}-Q{q}", d.year() - 1),
            (None, Some(d)) => format!("{:04}-Q{q}", d.year()),
            (None, None) => format!("XXXX-Q{q}"),
        },
        Sem::Weekend => match dct {
            None => "XXXX-WXX-WE".to_string(),
            Some(dct) => {
                let wd = dct.weekday().number_from_monday() as i64;
                // Saturday or Sunday: this weekend. Otherwise the tense decides, and without one
                // the weekend nearer to the document date.
                let n = match tense {
                    _ if wd >= 6 => 0,
                    Tense::Past => -1,
                    Tense::Future => 0,
                    Tense::Unknown => if wd <= 3 { -1 } else { 0 },
                };
                shift(dct, Gran::Weekend, n, "")
            }
        },
        Sem::MonthOfYear { m, n } => match dct {
            None => format!("XXXX-{m:02}"),
            Some(dct) => format!("{:04}-{m:02}", dct.year() + n),
        },
        Sem::HalfYear { y, h } => match (y, dct) {
            (Some(y), _) => format!("{y:04}-H{h}"),
            (None, Some(d)) => format!("{:04}-H{h}", d.year()),
            (None, None) => format!("XXXX-H{h}"),
        },
    }
}

/// Places a cyclic unit (month index `y*12+m`, season index `y*4+s`): `this` is the occurrence in
/// the document's year, `cur` the document's own position, `period` the cycle length.
fn place(cur: i32, this: i32, period: i32, dir: Dir, tense: Tense, nearest_if_unknown: bool) -> i32 {
    let latest_le = if this <= cur { this } else { this - period };
    let earliest_ge = if this >= cur { this } else { this + period };
    match (dir, tense) {
        (Dir::Back, _) => if latest_le == cur { cur - period } else { latest_le },
        (Dir::Fwd, _) => if earliest_ge == cur { cur + period } else { earliest_ge },
        (Dir::This, _) => this,
        (Dir::Tense, Tense::Past) => latest_le,
        (Dir::Tense, Tense::Future) => earliest_ge,
        (Dir::Tense, Tense::Unknown) => {
            if nearest_if_unknown && (earliest_ge - cur) < (cur - latest_le) {
                earliest_ge
            } else if nearest_if_unknown {
                latest_le
            } else {
                this
            }
        }
    }
}

/// Season index `year*4 + s` of a date (meteorological seasons; January and February belong to
/// the winter that began the previous December).
fn season_index(d: NaiveDate) -> i32 {
    let (y, m) = (d.year(), d.month());
    match m {
        3..=5 => y * 4,
        6..=8 => y * 4 + 1,
        9..=11 => y * 4 + 2,
        12 => y * 4 + 3,
        _ => (y - 1) * 4 + 3,
    }
}

fn reference(n: i32) -> String {
    match n.signum() {
        -1 => "PAST_REF",
        0 => "PRESENT_REF",
        _ => "FUTURE_REF",
    }
    .to_string()
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let r = if n >= 0 { d.checked_add_days(Days::new(n as u64)) } else { d.checked_sub_days(Days::new((-n) as u64)) };
    r.unwrap_or(d)
}

fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let r = if n >= 0 { d.checked_add_months(Months::new(n as u32)) } else { d.checked_sub_months(Months::new((-n) as u32)) };
    r.unwrap_or(d)
}

fn shift(dct: NaiveDate, g: Gran, n: i32, sfx: &str) -> String {
    match g {
        Gran::Day => format!("{}{sfx}", add_days(dct, n as i64).format("%Y-%m-%d")),
        Gran::Week | Gran::Weekend => {
            let w = add_days(dct, 7 * n as i64).iso_week();
            let we = if g == Gran::Weekend { "-WE" } else { "" };
            format!("{:04}-W{:02}{we}", w.year(), w.week())
        }
        Gran::Month => add_months(dct, n).format("%Y-%m").to_string(),
        Gran::Quarter => {
            let q = dct.year() * 4 + dct.month0() as i32 / 3 + n;
            format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
        }
        Gran::Year => format!("{:04}", dct.year() + n),
        Gran::Decade => format!("{:03}", dct.year().div_euclid(10) + n),
        Gran::Century => format!("{:02}", dct.year().div_euclid(100) + n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn weekday_direction_follows_tense() {
        // 2022-02-22 is a Tuesday.
        let cases = [
            (3, Dir::Tense, Tense::Unknown, "2022-02-23"),
            (3, Dir::Tense, Tense::Past, "2022-02-16"),
            (3, Dir::Tense, Tense::Future, "2022-02-23"),
            (2, Dir::Tense, Tense::Past, "2022-02-22"),
            (2, Dir::Back, Tense::Unknown, "2022-02-15"),
            (2, Dir::Fwd, Tense::Unknown, "2022-03-01"),
            (7, Dir::Tense, Tense::Unknown, "2022-02-20"),
            (5, Dir::This, Tense::Unknown, "2022-02-25"),
        ];
        for (wd, dir, tense, want) in cases {
            assert_eq!(render(&Sem::Weekday { wd, dir }, d("2022-02-22"), tense, None), want, "{wd} {dir:?} {tense:?}");
        }
    }

    #[test]
    fn shifts_keep_granularity() {
        let cases = [
            (Gran::Month, -1, "2022-01"),
            (Gran::Year, 0, "2022"),
            (Gran::Week, -1, "2022-W07"),
            (Gran::Quarter, -1, "2021-Q4"),
            (Gran::Decade, -1, "201"),
            (Gran::Day, 1, "2022-02-23"),
        ];
        for (g, n, want) in cases {
            assert_eq!(render(&Sem::Shift { g, n }, d("2022-02-22"), Tense::Unknown, None), want);
        }
        assert_eq!(render(&Sem::Shift { g: Gran::Month, n: -1 }, None, Tense::Unknown, None), "PAST_REF");
    }

    #[test]
    fn months_and_seasons_without_year() {
        let dct = d("1998-02-13");
        let m = |m, dir, t| render(&Sem::Month { y: None, m, dir }, dct, t, None);
        assert_eq!(m(12, Dir::Tense, Tense::Past), "1997-12");
        assert_eq!(m(8, Dir::Tense, Tense::Unknown), "1998-08");
        assert_eq!(m(5, Dir::Back, Tense::Unknown), "1997-05");
        assert_eq!(m(10, Dir::Tense, Tense::Past), "1997-10");
        assert_eq!(m(3, Dir::Tense, Tense::Past), "1998-03");
        assert_eq!(m(2, Dir::Back, Tense::Unknown), "1997-02");
        let s = |s, dir| render(&Sem::Season { y: None, s, dir }, dct, Tense::Unknown, None);
        assert_eq!(s(2, Dir::Back), "1997-FA");
        assert_eq!(s(1, Dir::This), "1998-SU");
        assert_eq!(s(0, Dir::Fwd), "1998-SP");
    }
}
