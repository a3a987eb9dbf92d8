//! Recognition and normalisation, one row per case: text, document date, and every expected
//! expression as (extent, type, value). A row fails if anything is missing, extra or different.

use dragoman_doc::Document;
use dragoman_time::TimeTagger;

type Row = (&'static str, &'static str, &'static [(&'static str, &'static str, &'static str)]);

const ROWS: &[Row] = &[
    // --- the seed article's expressions, in other words (publication date Tuesday 2022-02-22)
    ("The minister starts a two-day trip to Tokyo from Wednesday.", "2022-02-22", &[("two-day", "DURATION", "P2D"), ("Wednesday", "DATE", "2022-02-23")]),
    ("It is the first such visit in 23 years.", "2022-02-22", &[("23 years", "DURATION", "P23Y")]),
    ("No leader has gone there since 1999.", "2022-02-22", &[("1999", "DATE", "1999")]),
    ("Reports surfaced last month that the deal was close.", "2022-02-22", &[("last month", "DATE", "2022-01")]),
    ("A summit is planned this year.", "2022-02-22", &[("this year", "DATE", "2022")]),
    ("The plan was discussed for the last two years without result.", "2022-02-22", &[("the last two years", "DURATION", "P2Y")]),
    // --- absolute dates
    ("The vote is set for Feb. 23.", "2022-02-22", &[("Feb. 23", "DATE", "2022-02-23")]),
    ("The treaty was signed on 23 February 2022 in Minsk.", "2022-03-01", &[("23 February 2022", "DATE", "2022-02-23")]),
    ("The file is dated 2022-02-23.", "2022-03-01", &[("2022-02-23", "DATE", "2022-02-23")]),
    ("Elections took place on March 6, 2019.", "2022-03-01", &[("March 6, 2019", "DATE", "2019-03-06")]),
    ("He was born in August 1961.", "2022-03-01", &[("August 1961", "DATE", "1961-08")]),
    ("The war ended in the spring of 1975.", "2022-03-01", &[("the spring of 1975", "DATE", "1975-SP")]),
    ("Prices soared in the 1990s.", "2022-03-01", &[("the 1990s", "DATE", "199")]),
    ("Growth was strong in the early 1980s.", "2022-03-01", &[("the early 1980s", "DATE", "198")]),
    ("The empire fell in the 15th century.", "2022-03-01", &[("the 15th century", "DATE", "14")]),
    ("The form arrived on 3/14/2021.", "2022-03-01", &[("3/14/2021", "DATE", "2021-03-14")]),
    ("Talks resume on the 5th of April.", "2022-03-01", &[("5th of April", "DATE", "2022-04-05")]),
    ("Profits rose in the third quarter of 2021.", "2022-03-01", &[("the third quarter of 2021", "DATE", "2021-Q3")]),
    ("Sales fell in Q4 2021.", "2022-03-01", &[("Q4 2021", "DATE", "2021-Q4")]),
    ("The company expects a loss in fiscal 2023.", "2022-03-01", &[("fiscal 2023", "DATE", "2023")]),
    ("Output doubled in the first half of 2020.", "2022-03-01", &[("the first half of 2020", "DATE", "2020-H1")]),
    ("The bridge opened in mid-1996.", "2022-03-01", &[("mid-1996", "DATE", "1996")]),
    ("Construction will finish by late 2024.", "2022-03-01", &[("late 2024", "DATE", "2024")]),
    ("The archive covers 1914 to 1918.", "2022-03-01", &[("1914", "DATE", "1914"), ("1918", "DATE", "1918")]),
    ("The programme ran from 2010-2015.", "2022-03-01", &[("2010", "DATE", "2010"), ("2015", "DATE", "2015")]),
    ("The games of nineteen eighty-four were boycotted.", "2022-03-01", &[("nineteen eighty-four", "DATE", "1984")]),
    ("Few remembered the sixties as they were, or the year 2000 either.", "2022-03-01", &[("the sixties", "DATE", "196"), ("the year 2000", "DATE", "2000")]),
    // --- relative dates
    ("Rebels attacked the town on Sunday.", "2022-02-22", &[("Sunday", "DATE", "2022-02-20")]),
    ("The ministers met on Wednesday in Paris.", "2022-02-22", &[("Wednesday", "DATE", "2022-02-16")]),
    ("The ministers will meet on Wednesday in Paris.", "2022-02-22", &[("Wednesday", "DATE", "2022-02-23")]),
    ("Troops withdrew two days ago.", "2022-02-22", &[("two days ago", "DATE", "2022-02-20")]),
    ("The ceasefire collapsed nearly three years ago.", "2022-02-22", &[("nearly three years ago", "DATE", "2019")]),
    ("Inflation peaked five months ago.", "2022-02-22", &[("five months ago", "DATE", "2021-09")]),
    ("The envoy arrived earlier this week.", "2022-02-22", &[("earlier this week", "DATE", "2022-W08")]),
    ("A decision is due next week.", "2022-02-22", &[("next week", "DATE", "2022-W09")]),
    ("The strike ended last week.", "2022-02-22", &[("last week", "DATE", "2022-W07")]),
    ("Voters go to the polls next spring.", "2022-02-22", &[("next spring", "DATE", "2022-SP")]),
    ("The harvest failed last autumn.", "2022-02-22", &[("last autumn", "DATE", "2021-FA")]),
    ("Exports collapsed over the past decade.", "2022-02-22", &[("the past decade", "DATE", "201")]),
    ("Rents rose sharply last year.", "2022-02-22", &[("last year", "DATE", "2021")]),
    ("The law takes effect next year.", "2022-02-22", &[("next year", "DATE", "2023")]),
    ("The talks collapsed yesterday.", "2022-02-22", &[("yesterday", "DATE", "2022-02-21")]),
    ("The results come tomorrow.", "2022-02-22", &[("tomorrow", "DATE", "2022-02-23")]),
    ("The president speaks today.", "2022-02-22", &[("today", "DATE", "2022-02-22")]),
    ("The court ruled last Friday.", "2022-02-22", &[("last Friday", "DATE", "2022-02-18")]),
    ("The court rules next Monday.", "2022-02-22", &[("next Monday", "DATE", "2022-02-28")]),
    ("The strike began last May.", "2022-02-22", &[("last May", "DATE", "2021-05")]),
    ("The strike began in June last year.", "2022-02-22", &[("June last year", "DATE", "2021-06")]),
    ("Fighting broke out in January.", "2022-02-22", &[("January", "DATE", "2022-01")]),
    ("The parliament will vote in October.", "2022-02-22", &[("October", "DATE", "2022-10")]),
    ("The parliament voted in October.", "2022-02-22", &[("October", "DATE", "2021-10")]),
    ("Prime Minister Theresa May spoke.", "2022-02-22", &[]),
    ("Protesters may march again.", "2022-02-22", &[]),
    ("Rates are now at a record high.", "2022-02-22", &[("now", "DATE", "PRESENT_REF")]),
    ("The firm recently cut jobs.", "2022-02-22", &[("recently", "DATE", "PAST_REF")]),
    ("Peace remains elusive for the foreseeable future.", "2022-02-22", &[("the foreseeable future", "DATE", "FUTURE_REF")]),
    ("Peace was more likely in the past.", "2022-02-22", &[("the past", "DATE", "PAST_REF")]),
    ("Rebels regrouped over the weekend.", "2022-02-22", &[("the weekend", "DATE", "2022-W07-WE")]),
    ("The company lost money in the quarter.", "1999-11-02", &[("the quarter", "DATE", "1999-Q3")]),
    ("Earnings fell from a year earlier in the third quarter.", "1999-11-02", &[("a year earlier", "DATE", "1998-Q3"), ("the third quarter", "DATE", "1999-Q3")]),
    // --- durations
    ("The siege lasted six weeks.", "2022-02-22", &[("six weeks", "DURATION", "P6W")]),
    ("The blockade has lasted 10 months.", "2022-02-22", &[("10 months", "DURATION", "P10M")]),
    ("He served a 10-year sentence.", "2022-02-22", &[("10-year", "DURATION", "P10Y")]),
    ("She gave a three-hour speech.", "2022-02-22", &[("three-hour", "DURATION", "PT3H")]),
    ("The meeting took 45 minutes.", "2022-02-22", &[("45 minutes", "DURATION", "PT45M")]),
    ("The region has been unstable for decades.", "2022-02-22", &[("decades", "DURATION", "PXDE")]),
    ("Aid may take a few days to arrive.", "2022-02-22", &[("a few days", "DURATION", "PXD")]),
    ("The truce held for more than two decades.", "2022-02-22", &[("more than two decades", "DURATION", "P20Y")]),
    ("He waited 2 1/2 years for a verdict.", "2022-02-22", &[("2 1/2 years", "DURATION", "P2Y6M")]),
    ("Talks could last at least 20 more years.", "2022-02-22", &[("at least 20 more years", "DURATION", "P20Y")]),
    ("Unemployment fell in the past three months.", "2022-02-22", &[("the past three months", "DURATION", "P3M")]),
    ("Markets will stay volatile in the next few weeks.", "2022-02-22", &[("the next few weeks", "DURATION", "PXW")]),
    ("The standoff lasted half an hour.", "2022-02-22", &[("half an hour", "DURATION", "PT30M")]),
    ("A 23-year-old man was arrested.", "2022-02-22", &[("23-year-old", "DURATION", "P23Y")]),
    ("The driver, 37 years old, was unhurt.", "2022-02-22", &[]),
    ("Foreign firms own about three-quarters of the market.", "2022-02-22", &[]),
    ("The plant makes 700 cars a week.", "2022-02-22", &[]),
    ("Thousands died of Covid-19 last winter.", "2022-02-22", &[("last winter", "DATE", "2020-WI")]),
    // --- times and parts of day
    ("Shelling resumed on Tuesday night.", "2022-02-22", &[("Tuesday night", "TIME", "2022-02-22TNI")]),
    ("The polls close at 3 p.m. local time.", "2022-02-22", &[("3 p.m. local time", "TIME", "2022-02-22T15:00")]),
    ("The blast happened at 7:15 p.m. on Friday.", "2022-02-22", &[("7:15 p.m. on Friday", "TIME", "2022-02-18T19:15")]),
    ("The summit opens at noon Thursday.", "2022-02-22", &[("noon Thursday", "TIME", "2022-02-24T12:00")]),
    ("Clashes erupted last night.", "2022-02-22", &[("last night", "TIME", "2022-02-21TNI")]),
    ("The minister resigned this morning.", "2022-02-22", &[("this morning", "TIME", "2022-02-22TMO")]),
    ("Police arrived tonight.", "2022-02-22", &[("tonight", "TIME", "2022-02-22TNI")]),
    ("The ship sank yesterday afternoon.", "2022-02-22", &[("yesterday afternoon", "TIME", "2022-02-21TAF")]),
    ("The final whistle blew at 21:30 GMT.", "2022-02-22", &[("21:30 GMT", "TIME", "2022-02-22T21:30")]),
    // --- sets
    ("The council meets every year.", "2022-02-22", &[("every year", "SET", "P1Y")]),
    ("The bulletin is published weekly.", "2022-02-22", &[("weekly", "SET", "P1W")]),
    ("Inspectors visit each Thursday.", "2022-02-22", &[("each Thursday", "SET", "XXXX-WXX-4")]),
    ("Elections are held twice a year.", "2022-02-22", &[("a year", "SET", "P1Y")]),
    ("The board meets every two weeks.", "2022-02-22", &[("every two weeks", "SET", "P2W")]),
    ("The paper runs daily reports.", "2022-02-22", &[]),
    // --- no document date: anchored values fall back
    ("The rebels struck on Wednesday.", "", &[("Wednesday", "DATE", "XXXX-WXX-3")]),
    ("Exports fell last month.", "", &[("last month", "DATE", "PAST_REF")]),
    ("The deal was signed on Feb. 23.", "", &[("Feb. 23", "DATE", "XXXX-02-23")]),
    ("The deal was signed in 2015.", "", &[("2015", "DATE", "2015")]),
    // --- things that are not time expressions
    ("The bill costs $2000 and 1,999 people signed.", "2022-02-22", &[]),
    ("Prices fall as the spring collection arrives.", "2022-02-22", &[]),
    ("The fall of the city shocked the world.", "2022-02-22", &[]),
    ("He watched This Week on television.", "2022-02-22", &[]),
    ("The plane landed at Gate 1999 and the laptops run Windows 2000.", "2022-02-22", &[]),
    ("Police detained 2000 protesters.", "2022-02-22", &[]),
    ("About 800 people a day cross the border.", "2022-02-22", &[]),
    // --- tense cues for weekdays
    ("The president spoke to his counterpart on Saturday evening.", "2022-02-22", &[("Saturday evening", "TIME", "2022-02-19TEV")]),
    ("The group stage ended; the second round starts Friday.", "2022-02-22", &[("Friday", "DATE", "2022-02-25")]),
    ("A spokesman said Thursday that the troops will stay.", "2022-02-22", &[("Thursday", "DATE", "2022-02-17")]),
    ("The talks are set to resume Monday.", "2022-02-22", &[("Monday", "DATE", "2022-02-28")]),
    ("The court will rule by the end of the year.", "2022-02-22", &[("the end of the year", "DATE", "2022")]),
];

#[test]
fn table() {
    let tagger = TimeTagger::new();
    let mut failures = Vec::new();
    for (text, dct, want) in ROWS {
        let mut doc = Document::new(*text);
        dragoman_segment::segment(&mut doc);
        let dct = chrono::NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        let got: Vec<(String, String, String)> = tagger
            .tag(&doc, dct)
            .iter()
            .map(|t| (doc.slice(t.span).to_string(), t.kind.as_str().to_string(), t.value.clone()))
            .collect();
        let want: Vec<(String, String, String)> =
            want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
        if got != want {
            failures.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(ROWS.len() >= 80, "the table should stay at 80 rows or more");
    assert!(failures.is_empty(), "{} of {} rows failed:\n{}", failures.len(), ROWS.len(), failures.join("\n"));
}

#[test]
fn every_timex_carries_its_rule_and_a_clean_span() {
    let mut doc = Document::new("On Feb. 23, two days after the 1999 accord, talks ran for 6 hours.");
    dragoman_segment::segment(&mut doc);
    for t in TimeTagger::new().tag(&doc, chrono::NaiveDate::from_ymd_opt(2022, 2, 22)) {
        assert!(!t.rule.is_empty());
        let s = doc.slice(t.span);
        assert_eq!(s, s.trim(), "spans never start or end in whitespace");
    }
}
