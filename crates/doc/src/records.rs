//! The records the analysis stages derive from a document. All spans are byte spans into the
//! document text; the JSON contract (character offsets) is produced by `dragoman-pipeline`.
//! Every record carries its provenance: the dictionary entry or rule that produced it.

use crate::Span;
use serde::{Deserialize, Serialize};

/// What kind of thing an actor mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Country,
    City,
    Region,
    Organisation,
    Group,
}

/// A mention of an actor in the text, resolved (when possible) to a dictionary entry and to its
/// CAMEO-style code on the article's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    pub kind: ActorKind,
    /// Full code, e.g. `PAKGOV`.
    pub code: Option<String>,
    /// Country part, e.g. `PAK`.
    pub country: Option<String>,
    /// Sector part, e.g. `GOV`.
    pub sector: Option<String>,
    /// Canonical name of the entity, e.g. `Imran Khan`.
    pub entity: Option<String>,
    /// Id of the knowledge-base entry that matched.
    pub entry: Option<String>,
    /// Coreference id: every mention of one entity in a document shares it (`Imran Khan`, `Khan`,
    /// `he`); a knowledge-base id, or `doc:…` for people the base does not know.
    pub entity_id: Option<String>,
    /// The office the code comes from on the article's date (`Prime Minister`), when it comes from one.
    pub role: Option<String>,
    /// Id of the recognition rule that produced the mention.
    pub rule: Option<String>,
}

/// A time expression (TIMEX3) normalised against the document date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: TimexType,
    /// TIMEX3 value, e.g. `2022-02-23`, `2022-01`, `P23Y`, `PAST_REF`.
    pub value: String,
    /// Id of the rule that recognised it.
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// An actor as it takes part in an event: the span and the code it was given there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub span: Span,
    pub code: Option<String>,
}

/// How an event is asserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Intended,
    Hypothetical,
    Question,
}

/// A coded political event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub cameo: String,
    pub plover: Option<String>,
    pub mode: Option<String>,
    pub source: EventActor,
    pub target: Option<EventActor>,
    pub negated: bool,
    pub modality: Modality,
    pub date: Option<String>,
    /// Where the date came from: `timex` (a governing time expression) or `article` (the
    /// publication date, used when nothing in the clause dates the event).
    pub date_source: Option<String>,
    pub location: Option<EventActor>,
    pub sentence: usize,
    pub trigger: Span,
    pub rule: String,
    pub quad_class: u8,
    pub goldstein: f64,
    /// Index into the document's quotes when the event is reported inside a quotation.
    pub quote: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

/// Who a quotation is attributed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub span: Span,
    pub entity: Option<String>,
    pub code: Option<String>,
}

/// A quotation: its content, the cue that introduces it, and its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    pub content: Span,
    pub cue: Option<Span>,
    pub speaker: Option<Speaker>,
    /// Id of the rule that attributed it.
    pub rule: String,
}

/// A problem met while analysing one document. The document still produces output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageError {
    pub stage: String,
    pub message: String,
}
