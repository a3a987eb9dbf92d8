//! Development driver: gold-token evaluation plus load time and single-thread speed.
//!
//! `eval FILE.conllu [--fast] [--model DIR [--beam K] [--margin M]] [--json] [--speed PASSES]
//! [--dump OUT.conllu]`. Without `--model` the embedded accurate model is used (`--fast`: the
//! fast one); with it, the model file of that flavour in DIR, whose beam width and pruning
//! margin `--beam`/`--margin` can override (experiments). `--speed N` re-analyses the file's gold words N times on
//! one thread (tags, lemmas, heads and relations: everything `parse_words` returns) and reports
//! the best and the median pass in words per second.

use std::time::Instant;

use dragoman_syntax::{eval::evaluate_gold, Model};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: eval FILE.conllu [--model DIR] [--json] [--speed PASSES] [--dump OUT.conllu]");
        std::process::exit(2);
    };
    let opt = |k: &str| args.iter().position(|a| a == k).and_then(|i| args.get(i + 1));
    let json = args.iter().any(|a| a == "--json");
    let t0 = Instant::now();
    let loaded;
    let flavour = if args.iter().any(|a| a == "--fast") { dragoman_syntax::Flavour::Fast } else { dragoman_syntax::Flavour::Accurate };
    let model: &Model = match opt("--model") {
        Some(dir) => match Model::load_flavour(std::path::Path::new(dir), flavour) {
            Ok(mut m) => {
                if let Some(k) = opt("--beam").and_then(|s| s.parse().ok()) {
                    m.set_beam(k);
                }
                if let Some(x) = opt("--margin").and_then(|s| s.parse().ok()) {
                    m.set_margin(x);
                }
                loaded = m;
                &loaded
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        },
        None if args.iter().any(|a| a == "--fast") => match Model::embedded() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        },
        None => match Model::embedded_accurate() {
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
    if let Some(passes) = opt("--speed").and_then(|s| s.parse::<usize>().ok()).filter(|&n| n > 0) {
        // Whole passes over the file, each timed alone: on a shared machine the best pass is the
        // closest to the code's own speed and the median says how steady that is.
        let words: Vec<Vec<&str>> = sents.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
        let mut rates = Vec::with_capacity(passes);
        for _ in 0..passes {
            let t = Instant::now();
            let mut n = 0usize;
            for w in &words {
                n += std::hint::black_box(model.parse_words(w)).len();
            }
            rates.push(n as f64 / t.elapsed().as_secs_f64());
        }
        rates.sort_by(|a, b| b.total_cmp(a));
        speed = Some((rates[0], rates[rates.len() / 2]));
    }
    if json {
        let mut v = serde_json::to_value(&m).unwrap_or_default();
        v["load_ms"] = load_ms.into();
        if let Some((best, median)) = speed {
            v["tokens_per_s_best"] = best.into();
            v["tokens_per_s_median"] = median.into();
        }
        println!("{v}");
    } else {
        println!("{}", model.describe());
        println!("load {load_ms:.1} ms");
        println!(
            "sentences {} tokens {}\nUPOS {:.4}  XPOS {:.4}  lemma {:.4}\nUAS {:.4}  LAS {:.4}  LAS(universal) {:.4}",
            m.sentences, m.tokens, m.upos, m.xpos, m.lemma, m.uas, m.las, m.las_universal
        );
        if let Some((best, median)) = speed {
            println!("speed {best:.0} tokens/s best, {median:.0} median (one thread; tag + lemma + parse + label)");
        }
    }
}
