//! Table tests: each case is a text and the quotes expected in it, written as
//! `(kind, content, cue, speaker span, speaker entity)`; `None` where absent.

use dragoman_doc::{ActorKind, ActorMention, Document, QuoteKind, Span};
use dragoman_quotes::QuoteFinder;

fn segmented(text: &str) -> Document {
    let mut doc = Document::new(text);
    dragoman_segment::segment(&mut doc);
    doc
}

type Row<'a> = (QuoteKind, &'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn run(text: &str, actors: &[ActorMention]) -> Vec<(QuoteKind, String, Option<String>, Option<String>, Option<String>)> {
    let doc = segmented(text);
    let f = QuoteFinder::embedded().expect("embedded lexicon");
    f.find(&doc, actors)
        .into_iter()
        .map(|q| {
            (
                q.kind,
                doc.slice(q.content).to_string(),
                q.cue.map(|c| doc.slice(c).to_string()),
                q.speaker.as_ref().map(|s| doc.slice(s.span).to_string()),
                q.speaker.and_then(|s| s.entity),
            )
        })
        .collect()
}

fn check(text: &str, actors: &[ActorMention], expect: &[Row]) {
    let got = run(text, actors);
    let want: Vec<_> = expect
        .iter()
        .map(|(k, c, cue, s, e)| (*k, c.to_string(), cue.map(String::from), s.map(String::from), e.map(String::from)))
        .collect();
    assert_eq!(got, want, "\ntext: {text}");
}

/// A person mention for every occurrence of `name` in `text`, resolved to `entity`.
fn persons(text: &str, names: &[(&str, &str, Option<&str>)]) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for (name, entity, code) in names {
        for (i, _) in text.match_indices(name) {
            out.push(ActorMention {
                span: Span::new(i, i + name.len()),
                kind: ActorKind::Person,
                code: code.map(String::from),
                country: None,
                sector: None,
                entity: Some(entity.to_string()),
                entry: None,
                entity_id: None,
                role: None,
                rule: None,
            });
        }
    }
    out
}

macro_rules! t {
    ($name:ident, $text:expr, [$($row:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            check($text, &[], &[$($row),*]);
        }
    };
}

use QuoteKind::{Direct, Indirect, Mixed};

t!(parenthetical_after_quote, "“We will go,” Khan said.", [(Direct, "“We will go,”", Some("said"), Some("Khan"), Some("Khan"))]);
t!(inverted_subject, "\"We will go,\" said the minister.", [(Direct, "\"We will go,\"", Some("said"), Some("the minister"), None)]);
t!(
    that_complement,
    "The lawmaker said that the remarks were wrong.",
    [(Indirect, "that the remarks were wrong", Some("said"), Some("The lawmaker"), None)]
);
t!(zero_that, "Sanders said he would stay in the race.", [(Indirect, "he would stay in the race", Some("said"), Some("Sanders"), Some("Sanders"))]);
t!(
    apposition_between_commas,
    "Trump's attorney, Alan Garten, said Nunberg was looking for publicity.",
    [(Indirect, "Nunberg was looking for publicity", Some("said"), Some("Trump's attorney, Alan Garten"), Some("Alan Garten"))]
);
t!(
    title_and_party,
    "Senate Minority Leader Harry Reid (D-Nev.) told reporters that he had spoken to Johnson.",
    [(Indirect, "that he had spoken to Johnson", Some("told"), Some("Senate Minority Leader Harry Reid (D-Nev.)"), Some("Harry Reid"))]
);
t!(
    according_to_initial,
    "According to the report, the talks failed.",
    [(Indirect, "the talks failed", Some("According to"), Some("the report"), None)]
);
t!(
    according_to_final,
    "The talks failed, according to officials.",
    [(Indirect, "The talks failed", Some("according to"), Some("officials"), None)]
);
t!(
    medium_after_cue,
    "Achakzai wrote in The Daily Planet: “It is not an option.”",
    [(Direct, "“It is not an option.”", Some("wrote"), Some("Achakzai"), Some("Achakzai"))]
);
t!(
    mixed_fragment,
    "The senator called the trip 'ill-timed' in an interview.",
    [(Mixed, "the trip 'ill-timed' in an interview", Some("called"), Some("The senator"), None)]
);
t!(
    participle_shares_source,
    "Khan said the visit was useful, adding that more talks would follow.",
    [
        (Indirect, "the visit was useful", Some("said"), Some("Khan"), Some("Khan")),
        (Indirect, "that more talks would follow", Some("adding"), Some("Khan"), Some("Khan")),
    ]
);
t!(
    continued_quote_is_one_attribution,
    "“This is the one shot,” he said. “There is no other.”",
    [(Direct, "“This is the one shot,” he said. “There is no other.”", Some("said"), Some("he"), None)]
);
t!(
    context_quote_in_next_paragraph,
    "Khan said the trip was useful.\n\n“There is no other way.”",
    [
        (Indirect, "the trip was useful", Some("said"), Some("Khan"), Some("Khan")),
        (Direct, "“There is no other way.”", None, Some("Khan"), Some("Khan")),
    ]
);
t!(scare_quotes_and_titles_are_not_quotes, "He appeared on “Saturday Night Live” with a “gifted” host.", []);
t!(noun_uses_are_not_cues, "The report on the United States was long.", []);
t!(
    multi_paragraph_quote,
    "He said: “First part.\n\n“Second part.”",
    [(Direct, "“First part.\n\n“Second part.”", Some("said"), Some("He"), None)]
);

#[test]
fn pronoun_resolves_to_latest_person_outside_quotes() {
    let text = "Achakzai noted that Russia did not seek support.\n\n“Is it irrelevance?” he had asked.";
    let actors = persons(text, &[("Achakzai", "Jan Achakzai", Some("PAKELI"))]);
    check(
        text,
        &actors,
        &[
            (Indirect, "that Russia did not seek support", Some("noted"), Some("Achakzai"), Some("Jan Achakzai")),
            (Direct, "“Is it irrelevance?”", Some("asked"), Some("he"), Some("Jan Achakzai")),
        ],
    );
}

#[test]
fn indefinite_description_looks_ahead_for_the_same_role() {
    let text = "Earlier, a geopolitical analyst had pointed out that the timing was poor. Analyst and politician Jan Doe said the invitation was sought.";
    let actors = persons(text, &[("Jan Doe", "Jan Doe", None)]);
    let got = run(text, &actors);
    assert_eq!(got[0].3.as_deref(), Some("a geopolitical analyst"));
    assert_eq!(got[0].4.as_deref(), Some("Jan Doe"));
    assert_eq!(got[1].3.as_deref(), Some("Analyst and politician Jan Doe"));
}

#[test]
fn speaker_code_comes_from_the_actor_mention() {
    let text = "“We will go,” Khan said.";
    let actors = persons(text, &[("Khan", "Imran Khan", Some("PAKGOV"))]);
    let doc = segmented(text);
    let q = QuoteFinder::embedded().unwrap().find(&doc, &actors);
    let s = q[0].speaker.as_ref().unwrap();
    assert_eq!((s.entity.as_deref(), s.code.as_deref()), (Some("Imran Khan"), Some("PAKGOV")));
    assert!(q[0].rule.starts_with("verb:parenthetical") && q[0].rule.ends_with("cue:say"), "{}", q[0].rule);
}

t!(
    description_with_capitalised_modifier_is_the_speaker,
    "The Pakistani newspaper had said the visit was under discussion.",
    [(Indirect, "the visit was under discussion", Some("said"), Some("The Pakistani newspaper"), None)]
);
t!(
    passive_is_not_a_cue,
    "Khan said Russia did not invite, rather an invitation was sought.",
    [(Indirect, "Russia did not invite, rather an invitation was sought", Some("said"), Some("Khan"), Some("Khan"))]
);
t!(finite_form_after_preposition_is_a_noun, "This comes after reports emerged last month.", []);
t!(
    medium_with_descriptive_words,
    "“It is not an option,” Doe wrote in the Pakistani newspaper The Daily.",
    [(Direct, "“It is not an option,”", Some("wrote"), Some("Doe"), Some("Doe"))]
);
t!(
    indefinite_description_without_actors_takes_the_next_named_role,
    "A geopolitical analyst had pointed out that the timing was poor. Analyst Jan Doe said the invitation was sought.",
    [
        (Indirect, "that the timing was poor", Some("pointed out"), Some("A geopolitical analyst"), Some("Jan Doe")),
        (Indirect, "the invitation was sought", Some("said"), Some("Analyst Jan Doe"), Some("Jan Doe")),
    ]
);
