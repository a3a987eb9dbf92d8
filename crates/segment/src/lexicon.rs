//! Word lists the segmenter consults. Kept small and explicit: each list says why it exists.

/// Abbreviations that keep their final period (compared lower-cased, without the final period).
/// Titles are listed separately because they never end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    // months and days as news writes them
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    // companies, places, measures, misc.
    "inc", "corp", "ltd", "co", "bros", "plc", "llc", "dept", "univ", "assn", "no", "nos", "vs", "etc",
    "al", "approx", "est", "fig", "figs", "vol", "vols", "ed", "eds", "pp", "ft", "mt", "ave", "blvd", "rd",
    "hwy", "ste", "apt", "bldg", "min", "max", "sq", "cf", "viz", "ca", "mln", "bln", "tel", "ext",
    // US states as AP style abbreviates them
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "vt",
    "va", "wash", "wis", "wyo",
];

/// Titles and honorifics: they precede a name, so a period after them never ends a sentence.
pub(crate) const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
    "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "reps", "rev", "hon", "pres", "st",
    "supt", "insp", "det", "amb", "atty", "jr", "sr", "mx", "fr", "sens",
];

/// First parts of hyphenated words that English-EWT keeps as one token (`co-workers`,
/// `non-human`, `e-mail`); any other letters-hyphen-letters word is split at the hyphen.
pub(crate) const BOUND_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "pro", "multi", "ex", "sub", "semi", "cross",
    "neo", "counter", "intra", "inter", "micro", "macro", "un", "bi", "tri", "pseudo", "quasi", "ultra",
    "mega", "mini", "extra", "infra", "trans", "over", "under", "socio", "psycho", "de",
];

/// Capitalised words that commonly open a sentence: after an abbreviation such as `U.S.` or `Inc.`,
/// one of these signals that the abbreviation also ended the sentence.
pub(crate) const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There", "But",
    "And", "In", "On", "At", "As", "If", "When", "While", "After", "Before", "A", "An", "His", "Her",
    "Its", "Their", "Our", "My", "Some", "Many", "Most", "Mr.", "Mrs.", "Ms.", "Dr.", "However", "Meanwhile",
    "Also", "So", "Yet", "What", "Why", "How", "Who", "Where", "For", "With", "Since", "Although", "Still",
    "Now", "Then", "Officials", "According",
];

/// Case-insensitive (ASCII) membership, without allocating.
pub(crate) fn is_in(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
}

/// Reporting verbs that, after a quotation closing on `?` or `!` and a capitalised speaker
/// (`“Is it over?” Biden asked.`), show that the sentence goes on.
pub(crate) const REPORTING_VERBS: &[&str] = &[
    "said", "says", "asked", "asks", "told", "tells", "added", "adds", "wrote", "writes", "replied",
    "replies", "shouted", "shouts", "cried", "insisted", "insists", "demanded", "demands", "wondered",
    "wonders", "exclaimed", "tweeted", "declared", "declares", "warned", "warns", "noted", "notes",
];
