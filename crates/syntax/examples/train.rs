//! Development driver for `dragoman_syntax::train::train` (the CLI exposes the same call as
//! `dragoman train`).
//!
//! `train [--accurate --brown FILE] [--train FILE] [--dev FILE] [--out DIR] [--raw-text DIR]
//! [--no-raw-text] [--gold-tags] [--quiet] [--KEY VALUE]...` where KEY is one of tagger-epochs,
//! parser-epochs, labeler-epochs, patience, folds, ensemble, tagger-passes, tagger-bits,
//! parser-bits, labeler-bits, beam, cluster-classes, cluster-iterations, explore-from, p-explore,
//! prune, seed. `--accurate` starts from the accurate model's settings. Prints the JSON report on
//! stdout.

use dragoman_syntax::train::{train, TrainConfig};

fn main() {
    let ewt = "/work/shared/data/ud-english-ewt";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (train_file, dev_file) = (format!("{ewt}/en_ewt-ud-train.conllu"), format!("{ewt}/en_ewt-ud-dev.conllu"));
    // `--accurate` starts from the accurate preset (as `dragoman train --accurate` does); the
    // other flags then override single settings.
    let mut cfg = if args.iter().any(|a| a == "--accurate") {
        let Some(brown) = args.iter().position(|a| a == "--brown").and_then(|i| args.get(i + 1)) else {
            eprintln!("--accurate needs --brown FILE (tools/fetch-brown.sh)");
            std::process::exit(2);
        };
        TrainConfig::accurate(train_file, dev_file, "crates/syntax/model", brown)
    } else {
        TrainConfig::new(train_file, dev_file, "crates/syntax/model")
    };
    let mut i = 0;
    while i < args.len() {
        let key = args[i].as_str();
        if key == "--gold-tags" {
            cfg.gold_tags = true;
            i += 1;
            continue;
        }
        if key == "--no-raw-text" {
            cfg.raw_text = None;
            i += 1;
            continue;
        }
        if key == "--accurate" {
            i += 1;
            continue;
        }
        if key == "--quiet" {
            cfg.verbose = false;
            i += 1;
            continue;
        }
        let Some(val) = args.get(i + 1) else {
            eprintln!("missing value after {key}");
            std::process::exit(2);
        };
        let num = || val.parse::<f64>().unwrap_or_else(|_| {
            eprintln!("{key}: not a number: {val}");
            std::process::exit(2)
        });
        match key {
            "--train" => cfg.train = val.into(),
            "--dev" => cfg.dev = val.into(),
            "--raw-text" => cfg.raw_text = Some(val.into()),
            "--brown" => cfg.brown = Some(val.into()),
            "--cluster-classes" => cfg.cluster_classes = num() as usize,
            "--cluster-iterations" => cfg.cluster_iterations = num() as usize,
            "--out" => cfg.out_dir = val.into(),
            "--beam" => cfg.beam = num() as usize,
            "--tagger-epochs" => cfg.tagger_epochs = num() as usize,
            "--parser-epochs" => cfg.parser_epochs = num() as usize,
            "--labeler-epochs" => cfg.labeler_epochs = num() as usize,
            "--patience" => cfg.patience = num() as usize,
            "--folds" => cfg.folds = num() as usize,
            "--ensemble" => cfg.ensemble = num() as usize,
            "--tagger-passes" => cfg.tagger_passes = num() as usize,
            "--tagger-bits" => cfg.tagger_bits = num() as u32,
            "--parser-bits" => cfg.parser_bits = num() as u32,
            "--labeler-bits" => cfg.labeler_bits = num() as u32,
            "--explore-from" => cfg.explore_from = num() as usize,
            "--p-explore" => cfg.p_explore = num(),
            "--prune" => cfg.prune = num() as f32,
            "--seed" => cfg.seed = num() as u64,
            _ => {
                eprintln!("unknown option {key}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    match train(&cfg) {
        Ok(r) => println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default()),
        Err(e) => {
            eprintln!("training failed: {e}");
            std::process::exit(1);
        }
    }
}
