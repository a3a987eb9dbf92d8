//! The coder over hand-built parses: one row per construction.

mod common;

use common::{actors, doc, show};
use dragoman_doc::ActorKind::{City, Country, Person};
use dragoman_doc::{ActorKind, Quote, QuoteKind, Span};
use dragoman_events::Coder;

const CAST: &[(&str, &str, ActorKind)] = &[
    ("Imran Khan", "PAKGOV", Person),
    ("Khan", "PAKGOV", Person),
    ("Putin", "RUSGOV", Person),
    ("Russia", "RUS", Country),
    ("Moscow", "RUS", City),
    ("Islamabad", "PAK", City),
    ("Pakistan", "PAK", Country),
    ("Ukraine", "UKR", Country),
    ("Poland", "POL", Country),
    ("China", "CHN", Country),
    ("US", "USA", Country),
    ("NATO", "IGONAT", Country),
    ("May", "GBRGOV", Person),
];

fn code(tree: &str) -> Vec<String> {
    let d = doc(tree);
    let a = actors(&d, CAST);
    Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect()
}

macro_rules! t {
    ($name:ident, $tree:expr, [$($want:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let got = code($tree);
            let want: Vec<&str> = vec![$($want),*];
            assert_eq!(got, want, "tree: {}", $tree);
        }
    };
}

t!(active_meeting, "Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj ./PUNCT/2/punct", ["040 Putin>Khan"]);
t!(visit_pairs_with_host, "Khan/PROPN/2/nsubj visited/VERB/0/root/visit Moscow/PROPN/2/obj ./PUNCT/2/punct",
   ["042 Khan>Moscow", "043 Moscow>Khan"]);
t!(passive_agent_is_source,
   "Khan/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be received/VERB/0/root/receive by/ADP/5/case Putin/PROPN/3/obl:agent ./PUNCT/3/punct",
   ["043 Putin>Khan", "042 Khan>Putin"]);
t!(passive_attack,
   "Ukraine/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be attacked/VERB/0/root/attack by/ADP/5/case Russia/PROPN/3/obl:agent ./PUNCT/3/punct",
   ["190 Russia>Ukraine"]);
t!(in_talks_is_reciprocal,
   "Moscow/PROPN/6/nsubj and/CCONJ/3/cc Islamabad/PROPN/1/conj are/AUX/6/cop/be in/ADP/6/case talks/NOUN/0/root/talk ./PUNCT/6/punct",
   ["046 Moscow>Islamabad", "046 Islamabad>Moscow"]);
t!(time_phrase_is_not_the_target,
   "US/PROPN/2/nsubj imposed/VERB/0/root/impose sanctions/NOUN/2/obj/sanction on/ADP/5/case Russia/PROPN/3/nmod on/ADP/7/case Tuesday/PROPN/2/obl ./PUNCT/2/punct",
   ["163 US>Russia"]);
t!(owner_of_an_arrest_is_its_target,
   "Khan/PROPN/3/nmod:poss 's/PART/1/case arrest/NOUN/4/nsubj by/ADP/5/case Russia/PROPN/3/nmod angered/VERB/0/root/anger Pakistan/PROPN/4/obj ./PUNCT/4/punct",
   ["173 Russia>Khan"]);
t!(owner_of_an_arrest_without_a_doer_is_no_event,
   "Khan/PROPN/3/nmod:poss 's/PART/1/case arrest/NOUN/4/nsubj angered/VERB/0/root/anger Pakistan/PROPN/4/obj ./PUNCT/4/punct",
   []);
t!(plans_in_talks_are_not_the_talkers_acts,
   "Khan/PROPN/2/nsubj held/VERB/0/root/hold talks/NOUN/2/obj/talk over/ADP/5/case plans/NOUN/2/obl/plan to/PART/7/mark/to/TO invade/VERB/5/acl Ukraine/PROPN/7/obj ./PUNCT/2/punct",
   ["046 Khan>-"]);
t!(for_phrase_on_the_noun_is_the_subject,
   "Poland/PROPN/2/nsubj backed/VERB/0/root/back a/DET/4/det demand/NOUN/2/obj for/ADP/6/case Russia/PROPN/4/nmod to/PART/8/mark/to/TO invade/VERB/4/acl Ukraine/PROPN/8/obj ./PUNCT/2/punct",
   ["051 Poland>Russia", "190 Russia>Ukraine hypothetical"]);
t!(infinitive_on_a_place_is_the_movers_purpose,
   "Khan/PROPN/2/nsubj flew/VERB/0/root/fly to/ADP/4/case Moscow/PROPN/2/obl to/PART/6/mark/to/TO meet/VERB/4/acl Putin/PROPN/6/obj ./PUNCT/2/punct",
   ["042 Khan>Moscow", "043 Moscow>Khan", "040 Khan>Putin"]);
t!(place_compounded_with_a_trip_is_where_it_goes,
   "Khan/PROPN/4/nmod:poss 's/PART/1/case Moscow/PROPN/4/compound trip/NOUN/5/nsubj ended/VERB/0/root/end ./PUNCT/5/punct",
   ["042 Khan>Moscow", "043 Moscow>Khan"]);
t!(abandoned_visit_as_passive_subject_is_negated,
   "Khan/PROPN/3/nmod:poss 's/PART/1/case visit/NOUN/7/nsubj:pass to/ADP/5/case Moscow/PROPN/3/nmod was/AUX/7/aux:pass/be abandoned/VERB/0/root/abandon ./PUNCT/7/punct",
   ["042 Khan>Moscow negated", "043 Moscow>Khan negated"]);
t!(called_for_x_to_act_makes_x_the_doer,
   "Ukraine/PROPN/2/nsubj called/VERB/0/root/call for/ADP/4/case Poland/PROPN/2/obl to/PART/6/mark/to/TO visit/VERB/2/advcl Russia/PROPN/6/obj ./PUNCT/2/punct",
   ["036 Poland>Russia intended", "036 Russia>Poland intended"]);
t!(asking_whether_is_a_question_not_a_request,
   "Khan/PROPN/2/nsubj asked/VERB/0/root/ask Putin/PROPN/2/obj whether/SCONJ/7/mark Russia/PROPN/7/nsubj would/AUX/7/aux help/VERB/2/ccomp ./PUNCT/2/punct",
   []);
t!(asking_to_is_a_request,
   "Khan/PROPN/2/nsubj asked/VERB/0/root/ask Putin/PROPN/2/obj to/PART/5/mark/to/TO wait/VERB/2/xcomp ./PUNCT/2/punct",
   ["100 Khan>Putin"]);
t!(possessive_on_a_welcomed_act_is_not_the_welcomer,
   "Putin/PROPN/2/nsubj welcomed/VERB/0/root/welcome his/PRON/4/nmod:poss visit/NOUN/2/obj/visit to/ADP/6/case Moscow/PROPN/4/nmod ./PUNCT/2/punct",
   []);
t!(counted_people_are_the_target,
   "Russia/PROPN/2/nsubj arrested/VERB/0/root/arrest dozens/NOUN/2/obj/dozen of/ADP/6/case Ukrainian/ADJ/6/amod activists/NOUN/3/nmod/activist ./PUNCT/2/punct",
   ["173 Russia>Ukrainian"]);
t!(owner_releasing_prisoners_is_the_doer,
   "Russia/PROPN/3/nmod:poss 's/PART/1/case release/NOUN/6/nsubj of/ADP/5/case prisoners/NOUN/3/nmod/prisoner angered/VERB/0/root/anger Ukraine/PROPN/6/obj ./PUNCT/6/punct",
   ["0841 Russia>-"]);
t!(trip_naming_its_destination_apart_keeps_its_compound_as_source,
   "the/DET/3/det Pakistan/PROPN/3/compound tour/NOUN/6/nsubj of/ADP/5/case Russia/PROPN/3/nmod ended/VERB/0/root/end ./PUNCT/6/punct",
   ["042 Pakistan>Russia", "043 Russia>Pakistan"]);
t!(waiting_for_hours_is_no_subject,
   "Ukraine/PROPN/2/nsubj waited/VERB/0/root/wait for/ADP/4/case hours/NOUN/2/obl/hour to/PART/6/mark/to/TO meet/VERB/2/advcl Poland/PROPN/6/obj ./PUNCT/2/punct",
   ["040 Ukraine>Poland"]);
t!(a_person_named_may_is_a_target,
   "Ukraine/PROPN/2/nsubj called/VERB/0/root/call on/ADP/4/case May/PROPN/2/obl to/PART/6/mark/to/TO resign/VERB/2/xcomp ./PUNCT/2/punct",
   ["1041 Ukraine>May"]);
t!(calling_someone_a_name_is_no_call,
   "Putin/PROPN/2/nsubj called/VERB/0/root/call Khan/PROPN/2/obj a/DET/5/det friend/NOUN/2/xcomp ./PUNCT/2/punct",
   []);
t!(attack_on_plans_is_criticism,
   "Khan/PROPN/2/nsubj launched/VERB/0/root/launch an/DET/4/det attack/NOUN/2/obj on/ADP/7/case Russia/PROPN/7/nmod:poss plans/NOUN/4/nmod/plan ./PUNCT/2/punct",
   ["111 Khan>Russia"]);
t!(press_release_is_no_release,
   "Russia/PROPN/2/nsubj made/VERB/0/root/make a/DET/5/det press/NOUN/5/compound release/NOUN/2/obj ./PUNCT/2/punct",
   []);
t!(refusing_to_comment_is_no_rejection,
   "Russia/PROPN/2/nsubj refused/VERB/0/root/refuse to/PART/4/mark/to/TO comment/VERB/2/xcomp ./PUNCT/2/punct",
   []);
t!(being_against_talks_is_no_part_in_them,
   "Russia/PROPN/4/nsubj is/AUX/4/cop/be against/ADP/4/case talks/NOUN/0/root/talk with/ADP/6/case Ukraine/PROPN/4/nmod ./PUNCT/4/punct",
   []);
t!(asking_if_one_could_is_a_request,
   "Iran/PROPN/2/nsubj asked/VERB/0/root/ask Russia/PROPN/2/obj if/SCONJ/7/mark it/PRON/7/nsubj could/AUX/7/aux buy/VERB/2/ccomp arms/NOUN/7/obj ./PUNCT/2/punct",
   ["100 Iran>Russia"]);
t!(calling_a_titled_name_is_a_call,
   "Putin/PROPN/2/nsubj called/VERB/0/root/call Khan/PROPN/2/obj Imran/PROPN/2/xcomp ./PUNCT/2/punct",
   ["041 Putin>Khan"]);
t!(will_meet_is_intent,
   "Khan/PROPN/3/nsubj will/AUX/3/aux meet/VERB/0/root Putin/PROPN/3/obj ./PUNCT/3/punct",
   ["036 Khan>Putin intended"]);
t!(did_not_seek_support_is_negated,
   "Russia/PROPN/4/nsubj did/AUX/4/aux/do n't/PART/4/advmod/not seek/VERB/0/root Pakistan/PROPN/7/nmod:poss 's/PART/5/case support/NOUN/4/obj ./PUNCT/4/punct",
   ["102 Russia>Pakistan negated"]);
t!(nor_negates,
   "Nor/CCONJ/5/cc did/AUX/5/aux/do the/DET/4/det US/PROPN/5/nsubj criticize/VERB/0/root Pakistan/PROPN/5/obj ./PUNCT/5/punct",
   ["111 US>Pakistan negated"]);
t!(possessor_of_event_noun,
   "Khan/PROPN/3/nmod:poss 's/PART/1/case visit/NOUN/6/nsubj to/ADP/5/case Russia/PROPN/3/nmod began/VERB/0/root/begin ./PUNCT/6/punct",
   ["042 Khan>Russia", "043 Russia>Khan"]);
t!(pronoun_possessor_takes_clause_subject,
   "Imran/PROPN/2/flat Khan/PROPN/3/nsubj began/VERB/0/root/begin his/PRON/5/nmod:poss visit/NOUN/3/obj to/ADP/7/case Russia/PROPN/5/nmod ./PUNCT/3/punct",
   ["042 Imran Khan>Russia", "043 Russia>Imran Khan"]);
t!(coordinated_targets,
   "Putin/PROPN/2/nsubj criticized/VERB/0/root/criticize Ukraine/PROPN/2/obj and/CCONJ/5/cc Poland/PROPN/3/conj ./PUNCT/2/punct",
   ["111 Putin>Ukraine", "111 Putin>Poland"]);
t!(light_verb_talks,
   "Putin/PROPN/2/nsubj held/VERB/0/root/hold talks/NOUN/2/obj/talk with/ADP/5/case Khan/PROPN/2/obl ./PUNCT/2/punct",
   ["046 Putin>Khan"]);
t!(refusal_is_a_reject_event,
   "Russia/PROPN/2/nsubj refused/VERB/0/root/refuse to/PART/4/mark meet/VERB/2/xcomp Ukraine/PROPN/4/obj ./PUNCT/2/punct",
   ["125 Russia>Ukraine"]);
t!(will_not_attack,
   "Russia/PROPN/4/nsubj will/AUX/4/aux not/PART/4/advmod attack/VERB/0/root Ukraine/PROPN/4/obj ./PUNCT/4/punct",
   ["190 Russia>Ukraine negated intended"]);
t!(conditional_is_hypothetical,
   "If/SCONJ/3/mark Russia/PROPN/3/nsubj attacks/VERB/8/advcl/attack Ukraine/PROPN/3/obj ,/PUNCT/8/punct NATO/PROPN/8/nsubj will/AUX/8/aux respond/VERB/0/root ./PUNCT/8/punct",
   ["190 Russia>Ukraine hypothetical"]);
t!(question, "Did/AUX/3/aux/do Russia/PROPN/3/nsubj attack/VERB/0/root Ukraine/PROPN/3/obj ?/PUNCT/3/punct",
   ["190 Russia>Ukraine question"]);
t!(relative_clause_subject,
   "Putin/PROPN/7/nsubj ,/PUNCT/4/punct who/PRON/4/nsubj met/VERB/1/acl:relcl/meet Khan/PROPN/4/obj ,/PUNCT/4/punct smiled/VERB/0/root/smile ./PUNCT/7/punct",
   ["040 Putin>Khan"]);
t!(expected_to_sign_is_intent,
   "Russia/PROPN/3/nsubj:pass is/AUX/3/aux:pass/be expected/VERB/0/root/expect to/PART/5/mark sign/VERB/3/xcomp a/DET/7/det deal/NOUN/5/obj with/ADP/9/case China/PROPN/5/obl ./PUNCT/3/punct",
   ["031 Russia>China intended"]);
t!(intention_noun,
   "Khan/PROPN/2/nsubj spoke/VERB/0/root/speak of/ADP/5/case his/PRON/5/nmod:poss intention/NOUN/2/obl to/PART/7/mark meet/VERB/5/acl Putin/PROPN/7/obj ./PUNCT/2/punct",
   ["036 Khan>Putin intended"]);
t!(failed_to_is_negated,
   "Russia/PROPN/2/nsubj failed/VERB/0/root/fail to/PART/4/mark sign/VERB/2/xcomp a/DET/6/det treaty/NOUN/4/obj with/ADP/8/case Ukraine/PROPN/4/obl ./PUNCT/2/punct",
   ["057 Russia>Ukraine negated"]);
// `discuss _ …`: what is discussed is the topic, never the target; coordinated subjects discuss
// with each other, and a `with` phrase names the partner, also on the topic noun.
t!(discussed_topic_is_no_target,
   "Putin/PROPN/2/nsubj discussed/VERB/0/root/discuss Ukraine/PROPN/2/obj ./PUNCT/2/punct",
   ["040 Putin>-"]);
t!(coordinated_subjects_discuss_with_each_other,
   "Putin/PROPN/4/nsubj and/CCONJ/3/cc Khan/PROPN/1/conj discussed/VERB/0/root/discuss the/DET/7/det war/NOUN/4/obj in/ADP/7/case Ukraine/PROPN/5/nmod ./PUNCT/4/punct",
   ["040 Putin>Khan", "040 Khan>Putin"]);
t!(discussed_topic_with_partner,
   "Putin/PROPN/2/nsubj discussed/VERB/0/root/discuss trade/NOUN/2/obj with/ADP/5/case Khan/PROPN/3/nmod ./PUNCT/2/punct",
   ["040 Putin>Khan"]);
// A thing does not act for its owner; an event noun's owner does.
t!(thing_subject_does_not_act_for_its_owner,
   "Khan/PROPN/3/nmod:poss 's/PART/1/case plans/NOUN/4/nsubj/plan met/VERB/0/root/meet with/ADP/6/case criticism/NOUN/4/obl ./PUNCT/4/punct",
   []);
t!(event_noun_subject_acts_for_its_owner,
   "Russia/PROPN/3/nmod:poss 's/PART/1/case invasion/NOUN/4/nsubj/invasion threatened/VERB/0/root/threaten Poland/PROPN/4/obj ./PUNCT/4/punct",
   ["130 Russia>Poland", "190 Russia>-"]);
// "the Iraq war": the war is fought there; the name is not the one who wages it.
t!(place_compound_of_war_is_no_source,
   "Khan/PROPN/2/nsubj resigned/VERB/0/root/resign over/ADP/6/case the/DET/6/det Ukraine/PROPN/6/compound war/NOUN/2/obl ./PUNCT/2/punct",
   ["0831 Khan>-"]);
// "attack" an actor or place is force; "attack" a policy or someone's words is criticism.
t!(attack_on_a_policy_is_criticism,
   "Khan/PROPN/2/nsubj attacked/VERB/0/root/attack Russia/PROPN/5/nmod:poss 's/PART/3/case policy/NOUN/2/obj ./PUNCT/2/punct",
   ["111 Khan>Russia"]);
t!(attacking_the_government_is_criticism,
   "Khan/PROPN/2/nsubj attacked/VERB/0/root/attack the/DET/4/det government/NOUN/2/obj ./PUNCT/2/punct",
   ["111 Khan>-"]);
// A constraint word is not met by the active subject: "Pakistan's supporters beat Russia" is a
// win, not an assault on supporters.
t!(constraint_is_not_the_subject,
   "Pakistan/PROPN/3/nmod:poss 's/PART/1/case supporters/NOUN/4/nsubj/supporter beat/VERB/0/root/beat Russia/PROPN/4/obj ./PUNCT/4/punct",
   []);
t!(killed_soldiers_are_the_target,
   "Russia/PROPN/2/nsubj killed/VERB/0/root/kill Ukraine/PROPN/5/nmod:poss 's/PART/3/case soldiers/NOUN/2/obj/soldier ./PUNCT/2/punct",
   ["190 Russia>Ukraine"]);
t!(hitting_a_high_is_no_attack,
   "Pakistan/PROPN/2/nsubj hit/VERB/0/root/hit a/DET/5/det record/ADJ/5/amod high/NOUN/2/obj ./PUNCT/2/punct",
   []);
// `intr`: a strike is called without an object; "struck a deal" is an agreement.
t!(struck_a_deal_is_no_strike,
   "Russia/PROPN/4/nsubj and/CCONJ/3/cc China/PROPN/1/conj struck/VERB/0/root/strike a/DET/6/det deal/NOUN/4/obj ./PUNCT/4/punct",
   ["057 Russia>China", "057 China>Russia"]);
// A participle clause on a noun, without an auxiliary, is passive: the noun is not its doer.
t!(reduced_passive_noun_is_no_source,
   "Putin/PROPN/2/nsubj praised/VERB/0/root/praise the/DET/4/det plan/NOUN/2/obj criticised/VERB/4/acl/criticize/VBN by/ADP/7/case Khan/PROPN/5/obl ./PUNCT/2/punct",
   ["051 Putin>-", "111 Khan>-"]);
// What someone denies is not asserted: "Khan denied that he met Putin".
t!(denied_clause_is_negated,
   "Khan/PROPN/2/nsubj denied/VERB/0/root/deny that/SCONJ/5/mark he/PRON/5/nsubj met/VERB/2/ccomp/meet Putin/PROPN/5/obj ./PUNCT/2/punct",
   ["120 Khan>-", "040 Khan>Putin negated"]);
// A constraint on the target's noun, where the parser hung the phrase: "appealed to [China for
// weapons]".
t!(constraint_on_the_target_noun,
   "Pakistan/PROPN/2/nsubj appealed/VERB/0/root/appeal to/ADP/4/case China/PROPN/2/obl for/ADP/6/case weapons/NOUN/4/nmod/weapon ./PUNCT/2/punct",
   ["1032 Pakistan>China"]);
t!(no_event_without_source, "The/DET/2/det visit/NOUN/3/nsubj/visit ended/VERB/0/root/end ./PUNCT/3/punct", []);
t!(no_event_for_unmatched_preposition,
   "Khan/PROPN/2/nsubj spoke/VERB/0/root/speak of/ADP/4/case peace/NOUN/2/obl ./PUNCT/2/punct", []);

#[test]
fn location_and_apposition() {
    let d = doc("Khan/PROPN/6/nsubj ,/PUNCT/4/punct the/DET/4/det premier/NOUN/1/appos ,/PUNCT/4/punct met/VERB/0/root/meet Putin/PROPN/6/obj in/ADP/9/case Moscow/PROPN/6/obl ./PUNCT/6/punct");
    let a = actors(&d, CAST);
    let ev = Coder::embedded().unwrap().code(&d, &a, &[]);
    assert_eq!(ev.len(), 1);
    let e = &ev[0];
    assert_eq!(show(&d, e), "040 Khan>Putin");
    assert_eq!(d.slice(e.location.as_ref().unwrap().span), "Moscow");
    assert_eq!(e.plover.as_deref(), Some("CONSULT"));
    assert_eq!((e.quad_class, e.goldstein), (1, 1.0));
    assert_eq!(d.slice(e.trigger), "met");
    assert!(e.rule.starts_with("patterns.txt:"), "{}", e.rule);
    assert_eq!(e.source.code.as_deref(), Some("PAKGOV"));
}

#[test]
fn events_in_quotes_point_to_them() {
    let d = doc("Ukraine/PROPN/2/nsubj condemned/VERB/0/root/condemn Russia/PROPN/2/obj ./PUNCT/2/punct");
    let a = actors(&d, CAST);
    let q = Quote { kind: QuoteKind::Direct, content: Span::new(0, d.text.len()), cue: None, speaker: None, rule: "test".into() };
    let ev = Coder::embedded().unwrap().code(&d, &a, &[q]);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].quote, Some(0));
    assert_eq!(ev[0].cameo, "111");
}

/// A verb that is also a quotation cue: "said" attributes and codes nothing without a target of
/// its own, while "rejected the offer" is a rejection, whatever reports the offer.
#[test]
fn cue_verbs_code_rejections_not_attributions() {
    let cued = |tree: &str, cue: &str| {
        let d = doc(tree);
        let a = actors(&d, CAST);
        let at = d.text.find(cue).unwrap();
        let end = d.text.len();
        let q = Quote {
            kind: QuoteKind::Indirect,
            content: Span::new(at + cue.len() + 1, end),
            cue: Some(Span::new(at, at + cue.len())),
            speaker: None,
            rule: "test".into(),
        };
        Coder::embedded().unwrap().code(&d, &a, &[q]).iter().map(|e| show(&d, e)).collect::<Vec<_>>()
    };
    assert_eq!(
        cued("Russia/PROPN/2/nsubj rejected/VERB/0/root/reject the/DET/4/det offer/NOUN/2/obj ./PUNCT/2/punct", "rejected"),
        vec!["120 Russia>-"]
    );
    assert!(cued("Russia/PROPN/2/nsubj said/VERB/0/root/say no/DET/4/det thanks/NOUN/2/obj ./PUNCT/2/punct", "said").is_empty());
    // an act a pattern names by its object is reported as that act
    assert_eq!(
        cued("Russia/PROPN/2/nsubj declared/VERB/0/root/declare a/DET/4/det state/NOUN/2/obj of/ADP/6/case emergency/NOUN/4/nmod ./PUNCT/2/punct", "declared"),
        vec!["1724 Russia>-"]
    );
}

t!(object_control_through_an_indirect_object,
   "US/PROPN/2/nsubj warned/VERB/0/root/warn China/PROPN/2/iobj not/PART/6/advmod to/PART/6/mark arm/VERB/2/xcomp Russia/PROPN/6/obj ./PUNCT/2/punct",
   ["130 US>China", "072 China>Russia negated hypothetical"]);

// A `{...}` phrase inside a constraint: "(of {war crime|crimes})", "(of {crime against humanity})".
t!(phrase_inside_a_constraint,
   "Ukraine/PROPN/2/nsubj accused/VERB/0/root/accuse Russia/PROPN/2/obj of/ADP/6/case war/NOUN/6/compound crimes/NOUN/2/obl/crime ./PUNCT/2/punct",
   ["1124 Ukraine>Russia"]);
t!(phrase_with_its_own_pp_inside_a_constraint,
   "Ukraine/PROPN/2/nsubj accused/VERB/0/root/accuse Russia/PROPN/2/obj of/ADP/5/case crimes/NOUN/2/obl/crime against/ADP/7/case humanity/NOUN/5/nmod ./PUNCT/2/punct",
   ["1124 Ukraine>Russia"]);
t!(object_hung_on_the_following_pp,
   "Ukraine/PROPN/2/nsubj accused/VERB/0/root/accuse Russia/PROPN/6/compound of/ADP/6/case war/NOUN/6/compound crimes/NOUN/2/obl/crime ./PUNCT/2/punct",
   ["1124 Ukraine>Russia"]);

// A reciprocal "V ... with X" pattern whose partners are coordinated subjects codes both ways
// without the preposition, and outranks the unilateral "conduct drills" (150 show of force).
t!(coordinated_subjects_fill_a_reciprocal_with_slot,
   "Russia/PROPN/4/nsubj and/CCONJ/3/cc China/PROPN/1/conj conducted/VERB/0/root/conduct joint/ADJ/6/amod drills/NOUN/4/obj/drill ./PUNCT/4/punct",
   ["062 Russia>China", "062 China>Russia"]);
t!(coordinated_subjects_exchange_prisoners,
   "Ukraine/PROPN/4/nsubj and/CCONJ/3/cc Russia/PROPN/1/conj exchanged/VERB/0/root/exchange prisoners/NOUN/4/obj/prisoner ./PUNCT/4/punct",
   ["0841 Ukraine>Russia", "0841 Russia>Ukraine"]);
// ... but not when the verb's object is not the pattern's ("joined NATO" is no "join with X").
t!(reciprocal_with_slot_not_for_an_unmatched_object,
   "Ukraine/PROPN/4/nsubj and/CCONJ/3/cc Poland/PROPN/1/conj joined/VERB/0/root/join NATO/PROPN/4/obj ./PUNCT/4/punct",
   []);
// ... nor in a clause that is the content of a noun ("an agreement to cooperate").
t!(no_reciprocal_partners_for_a_noun_clause,
   "Russia/PROPN/4/nsubj and/CCONJ/3/cc China/PROPN/1/conj signed/VERB/0/root/sign a/DET/6/det plan/NOUN/4/obj to/PART/8/mark cooperate/VERB/6/acl ./PUNCT/4/punct",
   []);

/// A reciprocal act on a verb that is also a quotation cue ("agreed to a ceasefire") is coded
/// for both sides, not dropped as an attribution.
#[test]
fn reciprocal_cue_verb_is_an_event() {
    let d = doc("Russia/PROPN/4/nsubj and/CCONJ/3/cc Ukraine/PROPN/1/conj agreed/VERB/0/root/agree to/ADP/7/case a/DET/7/det ceasefire/NOUN/4/obl ./PUNCT/4/punct");
    let a = actors(&d, CAST);
    let at = d.text.find("agreed").unwrap();
    let q = Quote {
        kind: QuoteKind::Indirect,
        content: Span::new(at + 7, d.text.len()),
        cue: Some(Span::new(at, at + 6)),
        speaker: None,
        rule: "test".into(),
    };
    let got: Vec<String> = Coder::embedded().unwrap().code(&d, &a, &[q]).iter().map(|e| show(&d, e)).collect();
    assert_eq!(got, vec!["0871 Russia>Ukraine", "0871 Ukraine>Russia"]);
}

/// "the city of X" is X, even where the actor stage also gave the generic noun a code of its own.
#[test]
fn place_noun_of_x_is_x() {
    let d = doc("Russia/PROPN/2/nsubj shelled/VERB/0/root/shell the/DET/4/det city/NOUN/2/obj of/ADP/6/case Lviv/PROPN/4/nmod ./PUNCT/2/punct");
    let cast = [("Russia", "RUS", Country), ("city", "PRY", City), ("Lviv", "UKR", City)];
    let a = actors(&d, &cast);
    let got: Vec<String> = Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect();
    assert_eq!(got, vec!["194 Russia>Lviv"]);
}

// A regular verb form whose lemma the lemmatiser clipped ("shelled" -> "shel") still finds its
// patterns through the base forms its inflection allows.
t!(clipped_lemma_finds_the_base_form,
   "Russia/PROPN/2/nsubj shelled/VERB/0/root/shel Ukraine/PROPN/2/obj ./PUNCT/2/punct",
   ["194 Russia>Ukraine"]);
t!(clipped_lemma_doubled_consonant,
   "Poland/PROPN/2/nsubj boycotted/VERB/0/root/boycot the/DET/4/det election/NOUN/2/obj ./PUNCT/2/punct",
   ["1434 Poland>-"]);
// A place noun with a name the actor stage does not know is that name ("the city of Donetsk").
t!(place_noun_of_unknown_name,
   "Russia/PROPN/2/nsubj shelled/VERB/0/root/shell the/DET/4/det city/NOUN/2/obj of/ADP/6/case Donetsk/PROPN/4/nmod ./PUNCT/2/punct",
   ["194 Russia>Donetsk"]);

/// An object pronoun is not its own clause's subject, even where the actor stage's coreference
/// linked the two ("Biden invited him" with "him" resolved to Biden): the coder looks further back.
#[test]
fn object_pronoun_is_not_the_clause_subject() {
    let d = doc("Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj and/CCONJ/6/cc Biden/PROPN/6/nsubj invited/VERB/2/conj/invite him/PRON/6/obj/he ./PUNCT/2/punct");
    let cast = [("Putin", "RUSGOV", Person), ("Khan", "PAKGOV", Person), ("Biden", "USAGOV", Person), ("him", "USAGOV", Person)];
    let mut a = actors(&d, &cast);
    for m in &mut a {
        m.entity_id = Some(if matches!(d.slice(m.span), "Biden" | "him") { "biden".into() } else { d.slice(m.span).to_lowercase() });
    }
    let got: Vec<String> = Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect();
    assert_eq!(got, vec!["040 Putin>Khan", "036 Biden>Khan"]);
}

// The `of` phrase of an event noun is its patient: "the invasion of Ukraine killed thousands"
// has no known killer, not Ukraine.
t!(event_noun_of_phrase_is_not_the_actor,
   "The/DET/2/det invasion/NOUN/5/nsubj of/ADP/4/case Ukraine/PROPN/2/nmod killed/VERB/0/root/kill thousands/NOUN/5/obj/thousand ./PUNCT/5/punct",
   []);

// A country adjective on an argument noun that is no actor of its own stands for the country.
t!(country_adjective_owns_the_object,
   "Iran/PROPN/2/nsubj seized/VERB/0/root/seize a/DET/5/det Greek/ADJ/5/amod tanker/NOUN/2/obj ./PUNCT/2/punct",
   ["171 Iran>Greek"]);
t!(country_adjective_on_the_subject,
   "Russian/ADJ/2/amod jets/NOUN/3/nsubj/jet bombed/VERB/0/root/bomb Ukraine/PROPN/3/obj ./PUNCT/3/punct",
   ["195 Russian>Ukraine"]);
// Not written as an adjective in running text: no country.
t!(lowercase_adjective_is_no_country,
   "Iran/PROPN/2/nsubj seized/VERB/0/root/seize a/DET/5/det greek/ADJ/5/amod tanker/NOUN/2/obj ./PUNCT/2/punct",
   ["171 Iran>-"]);

// The first word of a name is no country adjective: "the Indian Ocean coast".
t!(adjective_starting_a_name_is_no_country,
   "Iran/PROPN/2/nsubj seized/VERB/0/root/seize the/DET/6/det Indian/ADJ/6/amod Ocean/PROPN/6/compound tanker/NOUN/2/obj ./PUNCT/2/punct",
   ["171 Iran>-"]);

/// "Myanmar's military" where the actor stage coded the country but not the military: the named,
/// coded possessor stands for the uncoded body; a pronoun possessor does not.
#[test]
fn uncoded_body_takes_its_named_owner() {
    for (tree, want) in [
        (
            "Russia/PROPN/3/nmod:poss 's/PART/1/case military/NOUN/4/nsubj declared/VERB/0/root/declare a/DET/6/det state/NOUN/4/obj of/ADP/8/case emergency/NOUN/6/nmod ./PUNCT/4/punct",
            "1724 Russia>-",
        ),
        (
            "His/PRON/2/nmod:poss military/NOUN/3/nsubj declared/VERB/0/root/declare a/DET/5/det state/NOUN/3/obj of/ADP/7/case emergency/NOUN/5/nmod ./PUNCT/3/punct",
            "1724 military>-",
        ),
    ] {
        let d = doc(tree);
        let mut a = actors(&d, CAST);
        let span = |w: &str| {
            let i = d.text.find(w).expect("word");
            Span::new(i, i + w.len())
        };
        // An uncoded organisation mention, made from a coded one.
        let mut body = actors(&doc("Russia/PROPN/0/root"), CAST)[0].clone();
        body.span = span("military");
        body.code = None;
        body.country = None;
        a.push(body);
        if tree.starts_with("His") {
            let mut his = a[a.len() - 1].clone();
            his.span = span("His");
            his.code = Some("PAKGOV".into());
            a.push(his);
        }
        a.sort_by_key(|m| m.span.start);
        let got: Vec<String> = Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect();
        assert_eq!(got, vec![want], "tree: {tree}");
    }
}

#[test]
fn country_adjectives_can_be_turned_off() {
    let d = doc("Iran/PROPN/2/nsubj seized/VERB/0/root/seize a/DET/5/det Greek/ADJ/5/amod tanker/NOUN/2/obj ./PUNCT/2/punct");
    let a = actors(&d, CAST);
    let on = Coder::embedded().unwrap().code(&d, &a, &[]);
    assert_eq!(on[0].target.as_ref().and_then(|t| t.code.as_deref()), Some("GRC"));
    let coder = Coder::builder().country_adjectives(false).build().unwrap();
    let got: Vec<String> = coder.code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect();
    assert_eq!(got, vec!["171 Iran>-"]);
}

// What an accusation alleges is not asserted: only the accusation is an event.
t!(alleged_act_is_not_coded,
   "Ukraine/PROPN/2/nsubj accused/VERB/0/root/accuse Russia/PROPN/2/obj of/SCONJ/5/mark violating/VERB/2/advcl/violate the/DET/7/det ceasefire/NOUN/5/obj ./PUNCT/2/punct",
   ["112 Ukraine>Russia"]);
t!(closing_the_border_with_x,
   "Poland/PROPN/2/nsubj closed/VERB/0/root/close its/PRON/4/nmod:poss border/NOUN/2/obj with/ADP/6/case Belarus/PROPN/4/nmod ./PUNCT/2/punct",
   ["191 Poland>Belarus"]);

// An amount's `in`/`of` phrase is what the pattern's object names: "$500 million in aid".
t!(measured_object,
   "Poland/PROPN/2/nsubj pledged/VERB/0/root/pledge $/SYM/2/obj 500/NUM/5/compound million/NUM/3/nummod in/ADP/7/case aid/NOUN/3/nmod to/ADP/9/case Ukraine/PROPN/7/nmod ./PUNCT/2/punct",
   ["033 Poland>Ukraine"]);

// `X!` patterns need an object that stands for an actor: "tried Khan" is a trial, "tried a
// number of things" and "will meet the deadline" are not events.
t!(actor_target_trial, "Russia/PROPN/2/nsubj tried/VERB/0/root/try Khan/PROPN/2/obj ./PUNCT/2/punct", ["173 Russia>Khan"]);
t!(actor_target_not_a_thing,
   "Russia/PROPN/2/nsubj tried/VERB/0/root/try a/DET/4/det number/NOUN/2/obj of/ADP/6/case things/NOUN/4/nmod/thing ./PUNCT/2/punct",
   []);
t!(no_meeting_with_a_deadline,
   "Khan/PROPN/3/nsubj will/AUX/3/aux meet/VERB/0/root the/DET/5/det deadline/NOUN/3/obj ./PUNCT/3/punct",
   []);
t!(coordinated_subjects_still_meet,
   "Putin/PROPN/4/nsubj and/CCONJ/3/cc Khan/PROPN/1/conj met/VERB/0/root/meet ./PUNCT/4/punct",
   ["040 Putin>Khan", "040 Khan>Putin"]);

// `go to X!`: a trip to an actor, not "went to university"; a possessor does not make a thing
// an actor ("meet his golden rule").
t!(trip_to_an_actor, "Khan/PROPN/2/nsubj went/VERB/0/root/go to/ADP/4/case Moscow/PROPN/2/obl ./PUNCT/2/punct",
   ["042 Khan>Moscow", "043 Moscow>Khan"]);
t!(no_trip_to_a_thing, "Khan/PROPN/2/nsubj went/VERB/0/root/go to/ADP/4/case university/NOUN/2/obl ./PUNCT/2/punct", []);
t!(possessed_thing_is_no_actor,
   "Khan/PROPN/3/nsubj will/AUX/3/aux meet/VERB/0/root his/PRON/5/nmod:poss rule/NOUN/3/obj ./PUNCT/3/punct",
   []);

#[test]
fn dates_from_governing_timex_else_article() {
    use dragoman_doc::{Timex, TimexType};
    let mut d = doc("Putin/PROPN/2/nsubj met/VERB/0/root/meet Khan/PROPN/2/obj on/ADP/5/case Wednesday/PROPN/2/obl || Putin/PROPN/2/nsubj criticized/VERB/0/root/criticize Ukraine/PROPN/2/obj");
    d.meta.date = Some("2022-02-22".into());
    let a = actors(&d, CAST);
    let mut ev = Coder::embedded().unwrap().code(&d, &a, &[]);
    let w = d.text.find("Wednesday").unwrap();
    let tx = Timex { span: Span::new(w, w + 9), kind: TimexType::Date, value: "2022-02-23".into(), rule: "t".into() };
    dragoman_events::assign_dates(&d, &[tx], &mut ev);
    let got: Vec<(String, Option<String>, Option<String>)> =
        ev.iter().map(|e| (e.cameo.clone(), e.date.clone(), e.date_source.clone())).collect();
    assert_eq!(
        got,
        vec![
            ("040".into(), Some("2022-02-23".into()), Some("timex".into())),
            ("111".into(), Some("2022-02-22".into()), Some("article".into())),
        ]
    );
}

#[test]
fn no_syntax_no_events() {
    let d = dragoman_doc::Document::new("Putin met Khan.");
    assert!(Coder::embedded().unwrap().code(&d, &[], &[]).is_empty());
}

// Constructions as they occur in the seed article's sentences (trees written by hand, UD style).
t!(event_noun_in_adverbial_and_negated_clause,
   "Ahead/ADV/15/advmod of/ADP/6/case Imran/PROPN/6/nmod:poss Khan/PROPN/3/flat 's/PART/3/case visit/NOUN/1/obl to/ADP/8/case Russia/PROPN/6/nmod ,/PUNCT/15/punct a/DET/13/det Pakistani/ADJ/13/amod geopolitical/ADJ/13/amod analyst/NOUN/15/nsubj had/AUX/15/aux/have pointed/VERB/0/root/point out/ADP/15/compound:prt that/SCONJ/22/mark the/DET/19/det visit/NOUN/22/nsubj did/AUX/22/aux/do not/PART/22/advmod come/VERB/15/ccomp at/ADP/26/case a/DET/26/det suitable/ADJ/26/amod time/NOUN/22/obl ./PUNCT/15/punct",
   ["042 Imran Khan>Russia", "043 Russia>Imran Khan"]);
t!(negated_request_and_prevented_trip,
   "Achakzai/PROPN/2/nsubj noted/VERB/0/root/note that/SCONJ/7/mark Russia/PROPN/7/nsubj did/AUX/7/aux/do n't/PART/7/advmod/not seek/VERB/2/ccomp Pakistan/PROPN/10/nmod:poss 's/PART/8/case support/NOUN/7/obj ,/PUNCT/16/punct nor/CCONJ/16/cc did/AUX/16/aux/do the/DET/15/det US/PROPN/16/nsubj stop/VERB/7/conj Pakistan/PROPN/16/obj from/SCONJ/19/mark going/VERB/16/advcl/go to/ADP/21/case Moscow/PROPN/19/obl ./PUNCT/2/punct",
   ["102 Russia>Pakistan negated", "042 Pakistan>Moscow hypothetical", "043 Moscow>Pakistan hypothetical"]);
t!(future_meeting_during_visit,
   "Imran/PROPN/5/nsubj Khan/PROPN/1/flat will/AUX/5/aux also/ADV/5/advmod meet/VERB/0/root Russian/ADJ/7/amod President/PROPN/8/compound Vladimir/PROPN/5/obj Putin/PROPN/8/flat during/ADP/12/case his/PRON/12/nmod:poss visit/NOUN/5/obl ./PUNCT/5/punct",
   ["036 Imran Khan>Putin intended", "036 Imran Khan>- intended"]);
t!(talks_to_plan_a_visit,
   "Moscow/PROPN/6/nsubj and/CCONJ/3/cc Islamabad/PROPN/1/conj are/AUX/6/cop/be in/ADP/6/case talks/NOUN/0/root/talk to/PART/8/mark finalise/VERB/6/acl a/DET/10/det plan/NOUN/8/obj for/ADP/17/case Russian/ADJ/13/amod President/PROPN/14/compound Vladimir/PROPN/17/nmod:poss Putin/PROPN/14/flat 's/PART/14/case visit/NOUN/10/nmod this/DET/19/det year/NOUN/17/nmod:tmod ./PUNCT/6/punct",
   ["046 Moscow>Islamabad", "046 Islamabad>Moscow", "036 Putin>- intended"]);

// A base-form verb the lemmatiser mangled: its written form still finds its patterns.
t!(written_form_finds_patterns, "US/PROPN/2/nsubj cut/VERB/0/root/cu aid/NOUN/2/obj to/ADP/5/case Poland/PROPN/3/nmod ./PUNCT/2/punct",
   ["162 US>Poland"]);

// Journeys (`X@`): a place, a one-word name the actor stage does not know, or an organisation.
t!(journey_to_a_place, "Khan/PROPN/2/nsubj flew/VERB/0/root/fly to/ADP/4/case Moscow/PROPN/2/obl ./PUNCT/2/punct",
   ["042 Khan>Moscow", "043 Moscow>Khan"]);
t!(journey_to_an_unknown_one_word_name, "Khan/PROPN/2/nsubj flew/VERB/0/root/fly to/ADP/4/case Basra/PROPN/2/obl ./PUNCT/2/punct",
   ["042 Khan>Basra", "043 Basra>Khan"]);
t!(no_journey_to_a_thing, "Russia/PROPN/2/nsubj flies/VERB/0/root/fly back/ADV/2/advmod to/ADP/5/case profit/NOUN/2/obl ./PUNCT/2/punct", []);
t!(no_journey_to_a_person,
   "Khan/PROPN/2/nsubj went/VERB/0/root/go down/ADV/2/advmod to/ADP/6/case Clint/PROPN/6/compound Eastwood/PROPN/2/obl ./PUNCT/2/punct", []);
t!(no_journey_by_a_thing_an_actor_qualifies,
   "Russian/ADJ/3/amod farm/NOUN/3/compound money/NOUN/4/nsubj came/VERB/0/root/come to/ADP/6/case Ukraine/PROPN/4/obl ./PUNCT/4/punct", []);
// "hung up their spikes", "hang on": no execution without a person hanged.
t!(hang_needs_a_person, "Khan/PROPN/2/nsubj hung/VERB/0/root/hang up/ADP/2/compound:prt his/PRON/5/nmod:poss spikes/NOUN/2/obj/spike ./PUNCT/2/punct", []);
// Returning someone needs the one returned: "his return to Ethiopia" is no release.
t!(a_return_is_not_a_release, "Khan/PROPN/3/nmod:poss 's/PART/1/case return/NOUN/4/nsubj pleased/VERB/0/root/please Russia/PROPN/4/obj ./PUNCT/4/punct", []);
// An attack with a reason given is criticism.
t!(attack_for_a_reason_is_criticism,
   "Khan/PROPN/2/nsubj attacked/VERB/0/root/attack Putin/PROPN/2/obj for/SCONJ/5/mark failing/VERB/2/advcl/fail/VBG ./PUNCT/2/punct",
   ["111 Khan>Putin"]);
t!(heart_attack_is_no_event,
   "Khan/PROPN/2/nsubj had/VERB/0/root/have a/DET/5/det heart/NOUN/5/compound attack/NOUN/2/obj ./PUNCT/2/punct", []);
// A conjunct with its own tense keeps its own modality.
t!(finite_conjunct_has_its_own_modality,
   "Khan/PROPN/4/nsubj:pass was/AUX/4/aux:pass/be not/PART/4/advmod expected/VERB/0/root/expect/VBN to/PART/6/mark win/VERB/4/xcomp and/CCONJ/8/cc met/VERB/4/conj/meet/VBD Putin/PROPN/8/obj ./PUNCT/4/punct",
   ["040 Khan>Putin"]);
t!(bare_conjunct_shares_the_negation,
   "Khan/PROPN/4/nsubj did/AUX/4/aux/do not/PART/4/advmod meet/VERB/0/root/meet/VB Putin/PROPN/4/obj or/CCONJ/7/cc visit/VERB/4/conj/visit/VB Moscow/PROPN/7/obj ./PUNCT/4/punct",
   ["040 Khan>Putin negated", "042 Khan>Moscow negated", "043 Moscow>Khan negated"]);
// "for" with a gerund: a reason, done by the one the verb acts on, and done.
t!(reason_clause_is_done_by_the_object,
   "Russia/PROPN/2/nsubj thanked/VERB/0/root/thank China/PROPN/2/obj for/SCONJ/5/mark meeting/VERB/2/advcl/meet/VBG Putin/PROPN/5/obj ./PUNCT/2/punct",
   ["051 Russia>China", "040 China>Putin"]);
t!(reason_clause_of_a_passive,
   "Khan/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be jailed/VERB/0/root/jail/VBN for/SCONJ/5/mark attacking/VERB/3/advcl/attack/VBG Putin/PROPN/5/obj ./PUNCT/3/punct",
   ["190 Khan>Putin"]);
t!(reason_clause_not_done_by_a_thing,
   "Khan/PROPN/2/nsubj served/VERB/0/root/serve a/DET/4/det term/NOUN/2/obj for/SCONJ/6/mark attacking/VERB/2/advcl/attack/VBG Putin/PROPN/6/obj ./PUNCT/2/punct",
   ["190 Khan>Putin"]);
// Reciprocal coding needs someone identified: in a list of three or more, unnamed and uncoded
// groups each act alone; two are each other's partner.
fn code_groups(tree: &str) -> Vec<String> {
    let d = doc(tree);
    let mut a = actors(&d, &[("judges", "JUD", ActorKind::Group), ("prosecutors", "JUD", ActorKind::Group), ("police", "COP", ActorKind::Group), ("Russia", "RUS", Country), ("China", "CHN", Country)]);
    for m in a.iter_mut().filter(|m| m.kind == ActorKind::Group) {
        m.code = None;
    }
    Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect()
}

#[test]
fn reciprocal_needs_someone_identified() {
    let three = "judges/NOUN/6/nsubj/judge ,/PUNCT/3/punct prosecutors/NOUN/1/conj/prosecutor and/CCONJ/5/cc police/NOUN/1/conj worked/VERB/0/root/work together/ADV/6/advmod ./PUNCT/6/punct";
    assert_eq!(code_groups(three), ["050 judges>-", "050 prosecutors>-", "050 police>-"]);
    let two = "judges/NOUN/4/nsubj/judge and/CCONJ/3/cc prosecutors/NOUN/1/conj/prosecutor worked/VERB/0/root/work together/ADV/4/advmod ./PUNCT/4/punct";
    assert_eq!(code_groups(two), ["050 judges>prosecutors", "050 prosecutors>judges"]);
    let named = "judges/NOUN/6/nsubj/judge ,/PUNCT/3/punct Russia/PROPN/1/conj and/CCONJ/5/cc China/PROPN/1/conj worked/VERB/0/root/work together/ADV/6/advmod ./PUNCT/6/punct";
    assert_eq!(code_groups(named).len(), 6);
}

// "hitting his growth target": the possessor of the object is no place phrase ("hit targets in X").
#[test]
fn possessor_is_no_place() {
    let d = doc("Putin/PROPN/2/nsubj hit/VERB/0/root/hit his/PRON/5/nmod:poss growth/NOUN/5/compound target/NOUN/2/obj ./PUNCT/2/punct");
    let a = actors(&d, &[("Putin", "RUSGOV", Person), ("his", "PAKGOV", Person)]);
    assert!(Coder::embedded().unwrap().code(&d, &a, &[]).is_empty());
}

// A gathering's `of` phrase names who meets.
t!(meeting_of_members,
   "a/DET/2/det meeting/NOUN/6/nsubj of/ADP/4/case NATO/PROPN/2/nmod was/AUX/6/cop/be brief/ADJ/0/root ./PUNCT/6/punct",
   ["040 NATO>-"]);
// A purpose is as real as the act it is the purpose of.
t!(purpose_shares_the_modality,
   "Khan/PROPN/3/nsubj will/AUX/3/aux fly/VERB/0/root to/ADP/5/case Moscow/PROPN/3/obl to/PART/7/mark/to/TO meet/VERB/3/advcl Putin/PROPN/7/obj ./PUNCT/3/punct",
   ["036 Khan>Moscow intended", "036 Moscow>Khan intended", "036 Khan>Putin intended"]);
// The noun a clause completes is classed by its light verb: "called for X to hold a meeting to discuss".
t!(completed_noun_of_a_light_verb,
   "Khan/PROPN/2/nsubj refused/VERB/0/root/refuse to/PART/4/mark/to/TO hold/VERB/2/xcomp talks/NOUN/4/obj/talk to/PART/7/mark/to/TO discuss/VERB/5/acl trade/NOUN/7/obj ./PUNCT/2/punct",
   ["046 Khan>- negated", "040 Khan>- negated"]);
// An object relative clause's verb has the noun it hangs on as its object.
t!(relative_clause_object,
   "the/DET/2/det deal/NOUN/0/root that/PRON/5/obj Russia/PROPN/5/nsubj signed/VERB/2/acl:relcl/sign with/ADP/7/case China/PROPN/5/obl ./PUNCT/2/punct",
   ["057 Russia>China"]);
t!(meeting_a_target_is_no_meeting,
   "Russia/PROPN/2/nsubj met/VERB/0/root/meet the/DET/5/det Moscow/PROPN/5/compound targets/NOUN/2/obj/target ./PUNCT/2/punct", []);
// What is only asked for stays so in everything it carries: "called for X to hold talks to discuss".
t!(asked_for_all_the_way_down,
   "Khan/PROPN/2/nsubj called/VERB/0/root/call for/ADP/4/case Putin/PROPN/2/obl to/PART/6/mark/to/TO hold/VERB/2/advcl talks/NOUN/6/obj/talk to/PART/9/mark/to/TO discuss/VERB/6/advcl trade/NOUN/9/obj ./PUNCT/2/punct",
   ["036 Putin>- intended"]);
// A particle the parser read as an adverb is still the particle: "shot down 30 drones".
t!(particle_read_as_adverb,
   "Ukraine/PROPN/2/nsubj shot/VERB/0/root/shoot down/ADV/2/advmod 30/NUM/6/nummod Russian/ADJ/6/amod drones/NOUN/2/obj/drone ./PUNCT/2/punct",
   ["190 Ukraine>Russian"]);
// A participle conjoined to a passive verb is passive too: "was arrested and beheaded".
t!(conjoined_participle_of_a_passive,
   "Khan/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be arrested/VERB/0/root/arrest/VBN and/CCONJ/5/cc beheaded/VERB/3/conj/behead/VBN ./PUNCT/3/punct",
   []);
t!(conjoined_particle_verb_stays_active,
   "Khan/PROPN/4/nsubj:pass has/AUX/4/aux been/AUX/4/aux:pass/be linked/VERB/0/root/link/VBN and/CCONJ/6/cc pulled/VERB/4/conj/pull/VBN out/ADP/6/compound:prt of/ADP/9/case talks/NOUN/6/obl/talk ./PUNCT/4/punct",
   ["164 Khan>-"]);
// Recognition needs someone recognised: "he recognised that ..." is none.
t!(recognising_a_fact_is_no_recognition,
   "Khan/PROPN/2/nsubj recognised/VERB/0/root/recognise that/SCONJ/5/mark Russia/PROPN/5/nsubj lost/VERB/2/ccomp/lose ./PUNCT/2/punct",
   []);
// A named organisation is somewhere to go; a common noun taken for one is not ("went to court").
#[test]
fn journey_to_an_organisation_needs_its_name() {
    let code_with = |tree: &str, org: &str| {
        let d = doc(tree);
        let a = actors(&d, &[("Khan", "PAKGOV", Person), (org, "USAGOV", ActorKind::Organisation)]);
        Coder::embedded().unwrap().code(&d, &a, &[]).iter().map(|e| show(&d, e)).collect::<Vec<_>>()
    };
    let named = "Khan/PROPN/2/nsubj went/VERB/0/root/go to/ADP/5/case the/DET/5/det Pentagon/PROPN/2/obl ./PUNCT/2/punct";
    assert_eq!(code_with(named, "Pentagon"), ["042 Khan>Pentagon", "043 Pentagon>Khan"]);
    let common = "Khan/PROPN/2/nsubj went/VERB/0/root/go to/ADP/4/case court/NOUN/2/obl ./PUNCT/2/punct";
    assert!(code_with(common, "court").is_empty());
}
t!(committing_a_crime_is_no_commitment,
   "Khan/PROPN/2/nsubj committed/VERB/0/root/commit election/NOUN/4/compound fraud/NOUN/2/obj ./PUNCT/2/punct", []);
// An infinitive's "to" is no preposition: "lent Russia $6bn to help" is no "lend to X".
t!(infinitive_to_is_no_preposition,
   "China/PROPN/2/nsubj lent/VERB/0/root/lend Russia/PROPN/2/obj $/SYM/2/obj 6bn/NUM/4/nummod to/PART/7/mark/to/TO help/VERB/2/advcl/help/VB Pakistan/PROPN/7/obj ./PUNCT/2/punct",
   ["071 China>Russia", "070 China>Pakistan"]);
// An event noun that modifies another noun is no event: "a war criminal".
t!(event_noun_as_a_modifier,
   "Putin/PROPN/2/nsubj met/VERB/0/root/meet a/DET/6/det Russian/ADJ/5/amod war/NOUN/6/compound criminal/NOUN/2/obj ./PUNCT/2/punct",
   []);
// A conjunct with an auxiliary of its own keeps its own modality ("cannot accept and will oppose").
t!(conjunct_with_its_own_auxiliary,
   "Khan/PROPN/4/nsubj can/AUX/4/aux not/PART/4/advmod meet/VERB/0/root/meet/VB Putin/PROPN/4/obj and/CCONJ/8/cc will/AUX/8/aux visit/VERB/4/conj/visit/VB Moscow/PROPN/8/obj ./PUNCT/4/punct",
   ["040 Khan>Putin negated hypothetical", "036 Khan>Moscow intended", "036 Moscow>Khan intended"]);
// For some acts the `of` phrase is the doer: "at the request of", "the withdrawal of Russian troops".
t!(request_of_names_the_doer,
   "Khan/PROPN/2/nsubj resigned/VERB/0/root/resign at/ADP/5/case the/DET/5/det request/NOUN/2/obl of/ADP/7/case Putin/PROPN/5/nmod ./PUNCT/2/punct",
   ["0831 Khan>-", "100 Putin>-"]);
// The market's demand is no demand: "strong demand for oil".
t!(market_demand_is_no_demand,
   "Russia/PROPN/4/nmod:poss 's/PART/1/case strong/ADJ/4/amod demand/NOUN/7/nsubj for/ADP/6/case oil/NOUN/4/nmod rose/VERB/0/root/rise ./PUNCT/7/punct", []);
// Hosting and receiving need a visitor: an actor itself or a bare name ("received Khan"), not a
// thing an actor qualifies or a titled name ("received IMF support", "received an Oscar").
t!(receiving_a_visitor, "Putin/PROPN/2/nsubj received/VERB/0/root/receive Khan/PROPN/2/obj ./PUNCT/2/punct",
   ["043 Putin>Khan", "042 Khan>Putin"]);
t!(receiving_support_is_no_visit,
   "Pakistan/PROPN/2/nsubj received/VERB/0/root/receive NATO/PROPN/4/compound support/NOUN/2/obj ./PUNCT/2/punct", []);
t!(receiving_an_award_is_no_visit,
   "Khan/PROPN/2/nsubj received/VERB/0/root/receive an/DET/4/det Oscar/PROPN/2/obj ./PUNCT/2/punct", []);
// A headline's "X to do" is an intention.
t!(headline_infinitive_is_intended,
   "Khan/PROPN/3/nsubj to/PART/3/mark visit/VERB/0/root/visit Moscow/PROPN/3/obj", ["036 Khan>Moscow intended", "036 Moscow>Khan intended"]);
// A finite conjunct keeps its own tense but shares a condition: "if he visits Moscow and meets Putin".
t!(finite_conjunct_shares_a_condition,
   "If/SCONJ/3/mark Khan/PROPN/3/nsubj visits/VERB/0/root/visit/VBZ Moscow/PROPN/3/obj and/CCONJ/6/cc meets/VERB/3/conj/meet/VBZ Putin/PROPN/6/obj ./PUNCT/3/punct",
   ["042 Khan>Moscow hypothetical", "043 Moscow>Khan hypothetical", "040 Khan>Putin hypothetical"]);
// "wants X to", "expects X to": X does it.
t!(wanting_someone_to_act,
   "Khan/PROPN/2/nsubj wants/VERB/0/root/want Putin/PROPN/2/obj to/PART/5/mark/to/TO visit/VERB/2/xcomp Moscow/PROPN/5/obj ./PUNCT/2/punct",
   ["036 Putin>Moscow intended", "036 Moscow>Putin intended"]);
// A reason given is no time: "attacked Ukraine over the weekend" is force.
t!(attack_over_the_weekend_is_force,
   "Russia/PROPN/2/nsubj attacked/VERB/0/root/attack Ukraine/PROPN/2/obj over/ADP/6/case the/DET/6/det weekend/NOUN/2/obl ./PUNCT/2/punct",
   ["190 Russia>Ukraine"]);
// A conjunct with its own tense still has what governs the first: "denied that Russia attacked
// Ukraine and killed civilians".
t!(finite_conjunct_keeps_the_governor,
   "Putin/PROPN/2/nsubj denied/VERB/0/root/deny that/SCONJ/5/mark Russia/PROPN/5/nsubj attacked/VERB/2/ccomp/attack/VBD Ukraine/PROPN/5/obj and/CCONJ/8/cc killed/VERB/5/conj/kill/VBD Khan/PROPN/8/obj ./PUNCT/2/punct",
   ["120 Putin>-", "190 Russia>Ukraine negated", "190 Russia>Khan negated"]);
// Shooting down aircraft without an owner named is still force.
t!(shooting_down_drones,
   "Ukraine/PROPN/2/nsubj shot/VERB/0/root/shoot down/ADP/2/compound:prt 30/NUM/5/nummod drones/NOUN/2/obj/drone ./PUNCT/2/punct",
   ["190 Ukraine>-"]);
// A place noun with a country adjective is a destination: "flew to the Russian capital".
t!(journey_to_a_country_capital,
   "Khan/PROPN/2/nsubj flew/VERB/0/root/fly to/ADP/6/case the/DET/6/det Russian/ADJ/6/amod capital/NOUN/2/obl ./PUNCT/2/punct",
   ["042 Khan>Russian", "043 Russian>Khan"]);
t!(coming_to_the_aid_is_no_journey,
   "Khan/PROPN/2/nsubj came/VERB/0/root/come to/ADP/5/case the/DET/5/det aid/NOUN/2/obl of/ADP/7/case Russia/PROPN/5/nmod ./PUNCT/2/punct",
   []);
// A body noun is a visitor: "received the delegation".
t!(receiving_a_delegation,
   "Putin/PROPN/2/nsubj received/VERB/0/root/receive the/DET/4/det delegation/NOUN/2/obj ./PUNCT/2/punct",
   ["043 Putin>-"]);
// "was captured by rebels and beheaded": the first conjunct's agent.
t!(agent_of_the_first_passive_conjunct,
   "Khan/PROPN/3/nsubj:pass was/AUX/3/aux:pass/be attacked/VERB/0/root/attack/VBN by/ADP/5/case Russia/PROPN/3/obl and/CCONJ/7/cc beheaded/VERB/3/conj/behead/VBN ./PUNCT/3/punct",
   ["190 Russia>Khan", "1823 Russia>-"]);
// The gap of "the summit at which Russia signed" is no object.
t!(relative_gap_elsewhere,
   "the/DET/2/det deal/NOUN/0/root at/ADP/4/case which/PRON/6/obl Russia/PROPN/6/nsubj signed/VERB/2/acl:relcl/sign ./PUNCT/2/punct",
   []);
// Demonstrating something is showing it, not protesting: `intr` also excludes an object clause.
t!(demonstrating_that_is_no_protest,
   "Khan/PROPN/2/nsubj demonstrated/VERB/0/root/demonstrate that/SCONJ/5/mark it/PRON/5/nsubj works/VERB/2/ccomp/work ./PUNCT/2/punct", []);
t!(demonstrating_is_a_protest,
   "Khan/PROPN/2/nsubj demonstrated/VERB/0/root/demonstrate outside/ADP/4/case Parliament/PROPN/2/obl ./PUNCT/2/punct", ["141 Khan>-"]);
// An act with its own doer that another verb is about keeps its own modality: "will never
// recognise Russia's annexation of Crimea" (the annexation happened).
t!(owned_act_keeps_its_modality,
   "Ukraine/PROPN/4/nsubj will/AUX/4/aux never/ADV/4/advmod recognise/VERB/0/root/recognise Russia/PROPN/7/nmod:poss 's/PART/5/case annexation/NOUN/4/obj of/ADP/9/case Crimea/PROPN/7/nmod ./PUNCT/4/punct",
   ["192 Russia>Crimea"]);
// Of two subjects the parser hung on one verb, not the possessor: "India's Modi will host ...".
t!(possessor_is_no_second_subject,
   "Pakistan/PROPN/5/nsubj 's/PART/1/case Khan/PROPN/5/nsubj will/AUX/5/aux meet/VERB/0/root Putin/PROPN/5/obj ./PUNCT/5/punct",
   ["036 Khan>Putin intended"]);
// A complaint to someone about something is made to them: official complaint (114).
t!(complaint_to_someone_about_something,
   "Poland/PROPN/2/nsubj complained/VERB/0/root/complain to/ADP/4/case NATO/PROPN/2/obl about/ADP/6/case Russia/PROPN/2/obl ./PUNCT/2/punct",
   ["114 Poland>NATO"]);
