//! Development driver: gold-token evaluation plus load time and single-thread speed.
//!
//! `eval FILE.conllu [--model DIR] [--json] [--speed SECONDS]`. Without `--model` the embedded
//! model is used. `--speed` re-parses the file's sentences in a loop for about that long on one
//! thread and reports words per second (tagging + lemmas + parsing + labels).

use std::time::Instant;

use dragoman_syntax::{eval::evaluate_gold, Model};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: eval FILE.conllu [--model DIR] [--json] [--speed SECONDS]");
        std::process::exit(2);
    };
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1));
    let json = args.iter().any(|a| a == "--json");
    let t0 = Instant::now();
    let loaded;
    let model: &Model = match opt("--model") {
        Some(dir) => match Model::load(std::path::Path::new(dir)) {
            Ok(m) => {
                loaded = m;
                &loaded
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        },
        None => match Model::embedded() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        },
    };
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1)
        }
    };
    let sents = match dragoman_conllu::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1)
        }
    };
    let m = evaluate_gold(model, &sents);
    if let Some(path) = opt("--dump") {
        // Predictions in CoNLL-U, gold forms, for error analysis.
        let mut out = String::new();
        for s in &sents {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let mut p = s.clone();
            p.multiwords.clear();
            for (w, a) in p.words.iter_mut().zip(model.parse_words(&words)) {
                w.upos = a.upos.into();
                w.xpos = a.xpos.into();
                w.lemma = a.lemma;
                w.head = a.head;
                w.deprel = a.deprel.into();
            }
            dragoman_conllu::write(&mut out, &p);
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("{path}: {e}");
        }
    }
    let mut speed = None;
    if let Some(secs) = opt("--speed").and_then(|s| s.parse::<f64>().ok()) {
        let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
        let t = Instant::now();
        let mut n = 0usize;
        while t.elapsed().as_secs_f64() < secs {
            for w in &words {
                n += model.parse_words(w).len();
            }
        }
        speed = Some(n as f64 / t.elapsed().as_secs_f64());
    }
    if json {
        let mut v = serde_json::to_value(&m).unwrap_or_default();
        v["load_ms"] = load_ms.into();
        if let Some(s) = speed {
            v["tokens_per_s"] = s.into();
        }
        println!("{v}");
    } else {
        println!("{}", model.describe());
        println!("load {load_ms:.1} ms");
        println!(
            "sentences {} tokens {}\nUPOS {:.4}  XPOS {:.4}  lemma {:.4}\nUAS {:.4}  LAS {:.4}  LAS(universal) {:.4}",
            m.sentences, m.tokens, m.upos, m.xpos, m.lemma, m.uas, m.las, m.las_universal
        );
        if let Some(s) = speed {
            println!("speed {s:.0} tokens/s (one thread)");
        }
    }
}
