//! The compiled name matcher: a trie over normalised units (see `norm`), walked leftmost-longest.
//!
//! Each distinct unit key gets a word id; an edge is `(node, word) -> node` in one hash map, so a
//! step costs one hash lookup and the text side allocates nothing per word beyond its key buffer.
//! A node holds the payloads of every name that ends there, each with the case its units require.

use crate::norm::{CaseReq, FxMap};

/// What a matched name means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sense {
    /// A name of a knowledge-base entry.
    Entry(u32),
    /// A country adjective (`Pakistani`): the country entry.
    Adjective(u32),
    /// The people of a country (`Pakistanis`): the country entry.
    People(u32),
    /// An agent word; `true` for a derived plural.
    Agent(u32, bool),
    /// The last name of a person entry (`Khan`), usable only with context.
    Surname(u32),
}

#[derive(Clone, Debug)]
pub(crate) struct Payload {
    pub sense: Sense,
    pub case: Box<[CaseReq]>,
    /// Later sources (`--actors FILE`) get higher layers and hide lower ones for the same name.
    pub layer: u16,
}

#[derive(Default)]
pub(crate) struct Trie {
    vocab: FxMap<Box<str>, u32>,
    edges: FxMap<(u32, u32), u32>,
    /// Payload indices per node; node 0 is the root.
    nodes: Vec<Vec<u32>>,
    pub payloads: Vec<Payload>,
}

impl Trie {
    pub fn new() -> Self {
        Trie { nodes: vec![Vec::new()], ..Default::default() }
    }

    pub fn word(&self, key: &str) -> Option<u32> {
        self.vocab.get(key).copied()
    }

    pub fn insert(&mut self, keys: &[String], payload: Payload) {
        let mut node = 0u32;
        for k in keys {
            let next_word = self.vocab.len() as u32;
            let w = *self.vocab.entry(k.as_str().into()).or_insert(next_word);
            let next_node = self.nodes.len() as u32;
            node = *self.edges.entry((node, w)).or_insert(next_node);
            if node == next_node {
                self.nodes.push(Vec::new());
            }
        }
        // Exact duplicates (the same name listed twice for one entry) add nothing.
        let dup = self.nodes[node as usize]
            .iter()
            .any(|&p| self.payloads[p as usize].sense == payload.sense && self.payloads[p as usize].case == payload.case);
        if !dup {
            self.nodes[node as usize].push(self.payloads.len() as u32);
            self.payloads.push(payload);
        }
    }

    pub fn step(&self, node: u32, word: u32) -> Option<u32> {
        self.edges.get(&(node, word)).copied()
    }

    pub fn at(&self, node: u32) -> &[u32] {
        &self.nodes[node as usize]
    }

    /// The node reached by a whole key sequence.
    pub fn walk(&self, keys: &[String]) -> Option<u32> {
        let mut node = 0;
        for k in keys {
            node = self.step(node, self.word(k)?)?;
        }
        Some(node)
    }

    pub fn len_names(&self) -> usize {
        self.payloads.len()
    }
}
