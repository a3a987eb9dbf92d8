//! News-style segmentation cases. Each row: input, then the expected tokens with sentences separated
//! by `||`. A `+` before a token means it is a clitic joined to the previous word (`did +n't`).
//! Every case also checks that the spans slice the text and rebuild it exactly.

use dragoman_doc::Document;

fn render(doc: &Document) -> String {
    doc.sentences
        .iter()
        .map(|s| {
            doc.sentence_tokens(s)
                .iter()
                .map(|t| {
                    let w = doc.slice(t.span);
                    if t.joined_to_prev { format!("+{w}") } else { w.to_string() }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" || ")
}

fn check(input: &str, expected: &str) {
    let mut doc = Document::new(input);
    dragoman_segment::segment(&mut doc);
    assert_eq!(doc.rebuild(), input, "rebuild of {input:?}");
    for s in &doc.sentences {
        let first = &doc.tokens[s.tokens.start];
        let last = &doc.tokens[s.tokens.end - 1];
        assert_eq!(s.span.start, first.span.start);
        assert_eq!(s.span.end, last.span.end);
    }
    assert_eq!(render(&doc), expected, "input {input:?}");
}

macro_rules! cases {
    ($($name:ident: $input:expr => $expected:expr;)*) => {
        $( #[test] fn $name() { check($input, $expected); } )*
    };
}

cases! {
    plain: "Putin met Khan." => "Putin met Khan .";
    two_sentences: "Khan arrived. Putin waited." => "Khan arrived . || Putin waited .";
    title_mr: "Mr. Khan spoke." => "Mr. Khan spoke .";
    title_gen: "Gen. Bajwa met Lt. Gen. Hameed." => "Gen. Bajwa met Lt. Gen. Hameed .";
    title_dr_mrs: "Dr. Ali and Mrs. Smith left." => "Dr. Ali and Mrs. Smith left .";
    us_mid_sentence: "The U.S. military said so." => "The U.S. military said so .";
    us_end_then_he: "He flew to the U.S. He met Biden." => "He flew to the U.S. || He met Biden .";
    un_abbrev: "The U.N. Security Council met." => "The U.N. Security Council met .";
    month_abbrev: "On Feb. 23, Khan left." => "On Feb. 23 , Khan left .";
    sept_abbrev: "By Sept. 11 it was over." => "By Sept. 11 it was over .";
    initials: "J. K. Rowling wrote it." => "J. K. Rowling wrote it .";
    middle_initial: "George W. Bush spoke." => "George W. Bush spoke .";
    inc_mid: "Apple Inc. shares rose." => "Apple Inc. shares rose .";
    inc_end: "He joined Apple Inc. The firm grew." => "He joined Apple Inc. || The firm grew .";
    am_pm: "It starts at 3 p.m. local time." => "It starts at 3 p.m. local time .";
    eg: "Some states, e.g. Iran, objected." => "Some states , e.g. Iran , objected .";
    decimal: "Growth was 3.5 percent." => "Growth was 3.5 percent .";
    thousands: "About 1,200 troops died." => "About 1,200 troops died .";
    money: "It cost $5 billion." => "It cost $ 5 billion .";
    pounds: "A £20m deal." => "A £ 20m deal .";
    percent: "Prices rose 7% in May." => "Prices rose 7 % in May .";
    possessive: "Pakistan's support matters." => "Pakistan +'s support matters .";
    possessive_curly: "Putin’s visit was delayed." => "Putin +’s visit was delayed .";
    plural_possessive: "The countries' leaders met." => "The countries +' leaders met .";
    negation_clitic: "Russia didn't invite him." => "Russia did +n't invite him .";
    negation_curly: "Russia didn’t seek support." => "Russia did +n’t seek support .";
    cant: "We can't wait." => "We ca +n't wait .";
    wont: "They won't come." => "They wo +n't come .";
    cannot: "He cannot stay." => "He can +not stay .";
    im: "I'm here." => "I +'m here .";
    theyre: "They're ready, we've said." => "They +'re ready , we +'ve said .";
    ill: "I'll go." => "I +'ll go .";
    hyphen_compound: "A two-day visit." => "A two - day visit .";
    hyphen_multiple: "A well-known, long-term plan." => "A well - known , long - term plan .";
    hyphen_prefix: "Co-workers met ex-members." => "Co-workers met ex-members .";
    hyphen_email: "Send an e-mail now." => "Send an e-mail now .";
    hyphen_digits: "Call 713-853-3989 today." => "Call 713-853-3989 today .";
    iso_date: "It happened on 2022-02-23." => "It happened on 2022-02-23 .";
    covid: "The Covid-19 pandemic hit." => "The Covid-19 pandemic hit .";
    em_dash_spaced: "Delhi — not Islamabad — won." => "Delhi — not Islamabad — won .";
    em_dash_tight: "It was late—very late." => "It was late — very late .";
    double_hyphen: "He said--then stopped." => "He said -- then stopped .";
    straight_quotes: "He said \"no\" twice." => "He said \" no \" twice .";
    curly_quotes: "He called it “ill-timed” then." => "He called it “ ill - timed ” then .";
    single_quotes: "He called it 'big' then." => "He called it ' big ' then .";
    guillemets: "Il a dit «non» hier." => "Il a dit « non » hier .";
    quote_end_inside: "“We will win.” Then he left." => "“ We will win . ” || Then he left .";
    quote_comma_said: "“We will win,” he said." => "“ We will win , ” he said .";
    quote_question_asked: "“Is it over?” he had asked." => "“ Is it over ? ” he had asked .";
    quote_two_sentences: "“We won. We must go,” she said." => "“ We won . || We must go , ” she said .";
    question: "Is it over? Nobody knows." => "Is it over ? || Nobody knows .";
    quote_question_named_speaker: "“Is it over?” Biden asked." => "“ Is it over ? ” Biden asked .";
    quote_exclamation_full_name: "“Stop!” Prime Minister Khan said." => "“ Stop ! ” Prime Minister Khan said .";
    quote_question_then_sentence: "“Is it over?” Nobody knows." => "“ Is it over ? ” || Nobody knows .";
    exclamation: "Stop! Now." => "Stop ! || Now .";
    ellipsis: "Well... we will see." => "Well ... we will see .";
    ellipsis_char: "Wait… Then go." => "Wait … || Then go .";
    parens: "The IMF (International Monetary Fund) agreed." => "The IMF ( International Monetary Fund ) agreed .";
    brackets: "He [Khan] spoke." => "He [ Khan ] spoke .";
    url: "See https://example.com/news?id=5. Then read." => "See https://example.com/news?id=5 . || Then read .";
    www: "Visit www.example.org for more." => "Visit www.example.org for more .";
    email: "Write to press@example.org today." => "Write to press@example.org today .";
    slash_words: "Use and/or wisely." => "Use and / or wisely .";
    slash_date: "Filed 11/28/2000 late." => "Filed 11/28/2000 late .";
    colon_time: "At 7:30 the talks began." => "At 7:30 the talks began .";
    semicolon: "Khan left; Putin stayed." => "Khan left ; Putin stayed .";
    colon: "He said: we go." => "He said : we go .";
    lowercase_after_period_abbrev: "Talks etc. continued." => "Talks etc. continued .";
    no_final_punct: "Khan arrives in Moscow" => "Khan arrives in Moscow";
    blank_line_paragraph: "Khan Visits Moscow\n\nThe prime minister arrived." => "Khan Visits Moscow || The prime minister arrived .";
    title_line: "Khan visits Moscow\nThe prime minister arrived." => "Khan visits Moscow || The prime minister arrived .";
    hard_wrap: "The prime minister\narrived in Moscow." => "The prime minister arrived in Moscow .";
    leading_space: "  Khan left. " => "Khan left .";
    number_start: "Khan left. 23 years passed." => "Khan left . || 23 years passed .";
    quote_starts_next: "Khan left. “It was good,” he said." => "Khan left . || “ It was good , ” he said .";
    nineties: "In the '90s it grew." => "In the '90s it grew .";
    nato_caps: "NATO AND RUSSIA CLASH." => "NATO AND RUSSIA CLASH .";
    no_space_after_period: "Version 2.0 shipped." => "Version 2.0 shipped .";
    multiple_question: "Really?! Yes." => "Really ?! || Yes .";
}

#[test]
fn empty_and_whitespace_only() {
    for input in ["", "   ", "\n\n"] {
        let mut doc = Document::new(input);
        dragoman_segment::segment(&mut doc);
        assert!(doc.tokens.is_empty() && doc.sentences.is_empty());
        assert_eq!(doc.rebuild(), input);
    }
}

#[test]
fn paragraphs_are_marked() {
    let mut doc = Document::new("One. Two.\n\nThree.");
    dragoman_segment::segment(&mut doc);
    let flags: Vec<bool> = doc.sentences.iter().map(|s| s.starts_paragraph).collect();
    assert_eq!(flags, [true, false, true]);
}

#[test]
fn non_ascii_text_rebuilds() {
    let input = "Erdoğan met Zelenskyy in Kyiv — “Слава Україні!” he said. 中国 agreed.";
    let mut doc = Document::new(input);
    dragoman_segment::segment(&mut doc);
    assert_eq!(doc.rebuild(), input);
    for t in &doc.tokens {
        assert!(!doc.slice(t.span).is_empty());
        assert!(!doc.slice(t.span).contains(char::is_whitespace));
    }
}
