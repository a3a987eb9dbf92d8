//! Closed-class word lists the surface rules rely on. These are grammar, not a lexicon of
//! reporting cues, so they live with the code that interprets them.

/// Determiners and possessives: a cue form right after one of these is a noun (`the report`).
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some", "any",
    "no", "every", "each", "another", "such", "'s", "whose", "of", "first", "new", "latest", "recent", "public",
    "many", "several", "two", "three", "more", "most", "fewer", "official", "formal", "written", "joint",
];

/// Words that may stand between a subject and its reporting verb (`had`, `also`, `reportedly`).
pub const BETWEEN_SUBJECT_AND_CUE: &[&str] = &[
    "has", "have", "had", "'s", "'ve", "'d", "'ll", "will", "would", "could", "can", "may", "might", "must", "shall",
    "should", "also", "reportedly", "previously", "repeatedly", "recently", "once", "later", "then", "publicly",
    "privately", "first", "initially", "originally", "earlier", "again", "already", "just", "still", "long", "never",
    "not", "n't", "did", "does", "do", "is", "was", "were", "are", "be", "been", "being", "often", "frequently",
    "even", "apparently", "allegedly", "subsequently", "finally", "simply", "flatly", "explicitly", "openly",
    "bluntly", "angrily", "quickly", "only", "clearly", "further", "reportedly", "herself", "himself", "themselves",
    "itself", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "sometimes", "always", "usually", "emphatically", "strongly", "directly", "specifically", "personally",
];

/// Function words that end a subject noun phrase when reading backwards from the verb.
pub const NP_STOP: &[&str] = &[
    "that", "which", "who", "whom", "where", "when", "while", "because", "if", "as", "after", "before", "since",
    "but", "or", "nor", "so", "although", "though", "unless", "until", "whether", "than", "to", "what", "how", "why",
    "in", "on", "at", "by", "with", "from", "into", "during", "over", "under", "about", "against", "between",
    "through", "without", "within", "across", "per", "is", "was", "were", "are", "be", "been", "has", "have", "had",
    "will", "would", "could", "can", "may", "might", "must", "should", "did", "does", "do", "not", "n't", "also",
    "yet", "once", "whereas", "like", "upon", "toward", "towards", "unlike", "despite", "amid", "among",
];

/// Pronouns that can be the subject of a reporting verb and need an antecedent.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her"];
pub const GROUP_PRONOUNS: &[&str] = &["they", "them", "it", "we"];
/// Pronouns that refer to the writer or the reader: sources in their own right.
pub const DEICTIC_PRONOUNS: &[&str] = &["i", "we", "you", "me", "us"];

/// Time words that may follow a cue before its content (`said on Tuesday that`).
pub const TIME_WORDS: &[&str] = &[
    "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "earlier", "later", "last",
    "this", "recently", "again", "previously", "also", "repeatedly", "then", "once", "publicly", "privately",
];

/// Head nouns of descriptions that refer to a person (`the analyst said`).
pub const PERSON_NOUNS: &[&str] = &[
    "analyst", "official", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "leader", "senator",
    "governor", "lawmaker", "congressman", "congresswoman", "candidate", "nominee", "secretary", "chairman",
    "chairwoman", "ambassador", "diplomat", "envoy", "expert", "professor", "researcher", "economist", "strategist",
    "adviser", "advisor", "aide", "director", "chief", "commander", "general", "judge", "lawyer", "attorney",
    "politician", "activist", "businessman", "businesswoman", "billionaire", "mogul", "author", "writer",
    "journalist", "reporter", "columnist", "editor", "executive", "ceo", "founder", "member", "premier", "king",
    "queen", "prince", "mayor", "representative", "delegate", "negotiator", "observer", "commentator", "scholar",
    "man", "woman", "source", "pollster", "consultant", "manager", "host", "chair", "speaker", "whip", "prosecutor",
    "officer", "colleague", "rival", "opponent", "father", "mother", "wife", "husband", "son", "daughter",
];

/// Head nouns of descriptions that refer to an organisation (`the ministry said`).
pub const ORG_NOUNS: &[&str] = &[
    "ministry", "newspaper", "paper", "government", "party", "agency", "company", "firm", "department", "office",
    "committee", "commission", "council", "campaign", "administration", "embassy", "army", "military", "police",
    "court", "group", "organisation", "organization", "union", "bank", "board", "network", "channel", "daily",
    "magazine", "outlet", "station", "website", "report", "study", "survey", "poll", "statement", "foundation",
    "institute", "university", "coalition", "alliance", "movement", "team", "white house", "kremlin", "cabinet",
    "parliament", "congress", "senate", "house", "bureau", "service", "authority", "authorities", "officials",
];

pub fn contains(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}
