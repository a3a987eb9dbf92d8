//! Training the whole model from a CoNLL-U treebank, deterministically: fixed seeds, fixed fold
//! assignment (sentence index modulo the fold count), fixed tie-breaking. Running it twice on the
//! same files writes the same bytes.
//!
//! Order: (1) tagger on all of train, early-stopped on dev; (2) jack-knifed tags for train, each
//! fold tagged by a tagger trained for the same number of epochs on the other folds; (3) lemma
//! rules; (4) parser on jack-knifed tags and projectivised gold trees, early-stopped on dev UAS
//! (dev tagged by the final tagger); (5) labeler on gold trees with jack-knifed tags,
//! early-stopped on dev LAS over the parser's own trees.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::eval::{evaluate_gold, ParseMetrics};
use crate::feat::Rng;
use crate::lemma::Lemmatizer;
use crate::linear::{Dense, Trainer};
use crate::parser::{self, Labeler, ParseExample, Parser, SentVals};
use crate::cluster::{self, ClusterConfig, Clusters};
use crate::tagger::{self, word_vals};
use crate::{Flavour, Model, SyntaxError};

/// The raw news text the committed model's word classes were learned from (the BBC News
/// corpus of Greene & Cunningham 2006: 2,225 articles, 2004–2005). Read at training time only.
pub const DEFAULT_RAW_TEXT: &str = "/work/shared/corpus/bbc";

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub train: PathBuf,
    pub dev: PathBuf,
    /// Directory that receives the model file (named after `flavour`).
    pub out_dir: PathBuf,
    /// Which of the two committed models this configuration trains (only the file name
    /// depends on it; [`TrainConfig::accurate`] sets the settings that make the difference).
    pub flavour: Flavour,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub labeler_epochs: usize,
    /// Epochs without dev improvement before a stage stops.
    pub patience: usize,
    /// Jack-knife folds for the parser's training tags.
    pub folds: usize,
    /// Parsers (and labelers) trained apart, from different shuffles, whose weights are
    /// averaged into the one shipped. Two bought nothing on dev (UAS .8489 against members .8488
    /// and .8496; LAS +.0009): averaged perceptrons from different orders end up much alike.
    pub ensemble: usize,
    /// Directory of raw `.txt` files whose words are clustered (with the training treebank's own
    /// words) into classes that the tagger, parser and labeler use as features; `None` trains
    /// without word classes.
    pub raw_text: Option<PathBuf>,
    /// Brown-cluster table (`en_lexeme_cluster.json.gz` of the PyPI package
    /// `spacy-lookups-data`) whose clusters are added to the word classes; `None` trains without.
    pub brown: Option<PathBuf>,
    /// Number of word classes (each of the two clusterings).
    pub cluster_classes: usize,
    pub cluster_iterations: usize,
    /// Tagger passes: 1, or 2 for a second left-to-right pass that also sees the first pass's
    /// tags to its right (worth 0.2 points of joint-tag accuracy on dev for twice the time).
    pub tagger_passes: usize,
    /// log2 of the number of hash rows of each table.
    pub tagger_bits: u32,
    pub parser_bits: u32,
    pub labeler_bits: u32,
    /// Parser beam width: 1 trains a greedy parser with the dynamic oracle; more trains it
    /// globally (beam search, max-violation updates) and ships it decoding with that beam.
    pub beam: usize,
    /// First parser epoch (1-based) that follows its own mistakes (dynamic-oracle exploration).
    pub explore_from: usize,
    pub p_explore: f64,
    /// Averaged weights smaller than this are dropped from the sparse tables.
    pub prune: f32,
    pub seed: u64,
    /// Progress lines on stderr.
    pub verbose: bool,
    /// Diagnostic only: train and early-stop parser and labeler on gold tags (shows how much tag
    /// errors cost; the model written then expects better tags than it will get).
    pub gold_tags: bool,
}

impl TrainConfig {
    /// The accurate model's settings: Brown clusters from `brown` (see [`TrainConfig::brown`]),
    /// a beam of 4 trained globally, more patience and epochs (global training and the richer
    /// labeler improve for longer), and two parsers and labelers averaged (dev LAS +0.0008).
    pub fn accurate(train: impl Into<PathBuf>, dev: impl Into<PathBuf>, out_dir: impl Into<PathBuf>, brown: impl Into<PathBuf>) -> Self {
        TrainConfig {
            flavour: Flavour::Accurate,
            brown: Some(brown.into()),
            beam: 4,
            patience: 4,
            parser_epochs: 25,
            labeler_epochs: 25,
            ensemble: 2,
            ..TrainConfig::new(train, dev, out_dir)
        }
    }

    pub fn new(train: impl Into<PathBuf>, dev: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        TrainConfig {
            train: train.into(),
            dev: dev.into(),
            out_dir: out_dir.into(),
            flavour: Flavour::Fast,
            tagger_epochs: 12,
            parser_epochs: 20,
            labeler_epochs: 12,
            patience: 3,
            folds: 4,
            ensemble: 1,
            raw_text: Some(PathBuf::from(DEFAULT_RAW_TEXT)),
            brown: None,
            cluster_classes: 256,
            cluster_iterations: 8,
            tagger_passes: 1,
            tagger_bits: 19,
            parser_bits: 22,
            beam: 1,
            labeler_bits: 18,
            explore_from: 2,
            p_explore: 0.9,
            prune: 1e-3,
            seed: 2024,
            verbose: true,
            gold_tags: false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    pub model_path: String,
    pub model_bytes: usize,
    pub seconds: f64,
    pub tag_classes: usize,
    pub relations: usize,
    pub tagger_epochs: usize,
    pub tagger_dev_curve: Vec<f64>,
    pub jackknife_tag_accuracy: f64,
    pub parser_epochs: usize,
    pub parser_dev_uas_curve: Vec<f64>,
    pub labeler_epochs: usize,
    pub labeler_dev_las_curve: Vec<f64>,
    /// Full evaluation of the written model on dev (gold tokens).
    pub dev: ParseMetrics,
}

fn read_treebank(path: &Path) -> Result<Vec<dragoman_conllu::Sentence>, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|source| SyntaxError::Io { path: path.into(), source })?;
    dragoman_conllu::parse(&text).map_err(|source| SyntaxError::Conllu { path: path.into(), source })
}

/// Names sorted by falling frequency, then alphabetically: the class ids are reproducible.
fn ranked<K: Ord + Clone + std::hash::Hash>(counts: &HashMap<K, usize>) -> Vec<K> {
    let mut v: Vec<(&K, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(k, _)| k.clone()).collect()
}

/// A sentence usable for training: heads in range.
fn well_formed(s: &dragoman_conllu::Sentence) -> bool {
    let n = s.words.len();
    n > 0 && s.words.iter().enumerate().all(|(i, w)| w.id == i + 1 && w.head <= n && w.head != w.id)
}

/// Tags of every training sentence by a tagger trained, for `epochs` epochs, on the other folds
/// (fold = sentence index modulo `cfg.folds`). With `first`, trains and applies a second pass over
/// those first-pass tags. Returns the tags and their accuracy.
fn jackknife(
    train_t: &[Vec<(&str, u16)>],
    first: Option<&[Vec<u16>]>,
    nclass: usize,
    epochs: usize,
    cfg: &TrainConfig,
    clusters: &Clusters,
) -> (Vec<Vec<u16>>, Vec<Vec<u16>>, f64) {
    let mut jk: Vec<Vec<u16>> = vec![Vec::new(); train_t.len()];
    let mut alts: Vec<Vec<u16>> = vec![Vec::new(); train_t.len()];
    let (mut ok, mut n) = (0usize, 0usize);
    for k in 0..cfg.folds {
        let keep = |i: &usize| i % cfg.folds != k;
        let rest: Vec<Vec<(&str, u16)>> = train_t.iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, s)| s.clone()).collect();
        let rest_first: Option<Vec<Vec<u16>>> =
            first.map(|f| f.iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, s)| s.clone()).collect());
        let seed = cfg.seed + 1 + k as u64 + if first.is_some() { 100 } else { 0 };
        let fit = tagger::train(
            &rest,
            None,
            rest_first.as_deref().map(|r| (r, &[][..])),
            nclass,
            cfg.tagger_bits,
            epochs,
            cfg.patience,
            seed,
            cfg.prune,
            clusters,
        );
        let mut scratch = tagger::TagScratch::default();
        for (i, s) in train_t.iter().enumerate().filter(|(i, _)| !keep(i)) {
            let words: Vec<&str> = s.iter().map(|x| x.0).collect();
            match first {
                Some(f) => fit.tagger.tag_second(&words, &f[i], &mut scratch, &mut jk[i]),
                None => fit.tagger.tag(&words, &mut scratch, &mut jk[i]),
            }
            alts[i] = scratch.alts.clone();
            for (p, g) in jk[i].iter().zip(s) {
                ok += (*p == g.1) as usize;
                n += 1;
            }
        }
    }
    (jk, alts, ok as f64 / n.max(1) as f64)
}

pub fn train(cfg: &TrainConfig) -> Result<TrainReport, SyntaxError> {
    let start = Instant::now();
    let log = |msg: String| {
        if cfg.verbose {
            eprintln!("[{:7.1}s] {msg}", start.elapsed().as_secs_f64());
        }
    };
    let train: Vec<_> = read_treebank(&cfg.train)?.into_iter().filter(well_formed).collect();
    let dev: Vec<_> = read_treebank(&cfg.dev)?.into_iter().filter(well_formed).collect();
    if train.is_empty() || dev.is_empty() {
        return Err(SyntaxError::Train("empty train or dev treebank".into()));
    }
    if cfg.folds < 2 {
        return Err(SyntaxError::Train("jack-knifing needs at least 2 folds".into()));
    }

    // Class inventories.
    let mut tag_counts: HashMap<(String, String), usize> = HashMap::new();
    let mut rel_counts: HashMap<String, usize> = HashMap::new();
    for s in &train {
        for w in &s.words {
            *tag_counts.entry((w.upos.clone(), w.xpos.clone())).or_default() += 1;
            *rel_counts.entry(w.deprel.clone()).or_default() += 1;
        }
    }
    let tags = ranked(&tag_counts);
    let rels = ranked(&rel_counts);
    if tags.len() > 255 || rels.len() > 255 {
        return Err(SyntaxError::Train("more than 255 tag classes or relations".into()));
    }
    let tag_id: HashMap<(String, String), u16> = tags.iter().enumerate().map(|(i, t)| (t.clone(), i as u16)).collect();
    let rel_id: HashMap<&str, u16> = rels.iter().enumerate().map(|(i, r)| (r.as_str(), i as u16)).collect();
    let root = *rel_id.get("root").ok_or_else(|| SyntaxError::Train("no `root` relation in train".into()))?;
    let nclass = tags.len();
    let nrel = rels.len();
    log(format!("{} train / {} dev sentences, {nclass} tag classes, {nrel} relations", train.len(), dev.len()));

    let class_of = |w: &dragoman_conllu::Word| tag_id.get(&(w.upos.clone(), w.xpos.clone())).copied().unwrap_or(u16::MAX);
    fn tag_sents<'a>(ss: &'a [dragoman_conllu::Sentence], class_of: &dyn Fn(&dragoman_conllu::Word) -> u16) -> Vec<Vec<(&'a str, u16)>> {
        ss.iter().map(|s| s.words.iter().map(|w| (w.form.as_str(), class_of(w))).collect()).collect()
    }
    let train_t = tag_sents(&train, &class_of);
    let dev_t = tag_sents(&dev, &class_of);

    // (0) Word classes from raw text plus the treebank's own words (never dev or test).
    let clusters = match &cfg.raw_text {
        Some(dir) => {
            let mut raw = cluster::read_raw_dir(dir)?;
            let ntok: usize = raw.iter().map(|s| s.len()).sum();
            raw.extend(train.iter().map(|s| s.words.iter().map(|w| w.form.clone()).collect::<Vec<_>>()));
            let cc = ClusterConfig { classes: cfg.cluster_classes, iterations: cfg.cluster_iterations, min_count: 3 };
            let cl = Clusters::learn(&raw, cc);
            log(format!("{} word classes of {} words from {ntok} raw tokens + train", cfg.cluster_classes, cl.len()));
            cl
        }
        None => Clusters::default(),
    };
    let mut clusters = clusters;
    if let Some(path) = &cfg.brown {
        let n = clusters.add_brown(path)?;
        log(format!("{n} forms with a Brown cluster from {}", path.display()));
    }
    let clusters = clusters;

    // (1) First-pass tagger, early-stopped on dev, and its jack-knifed tags of train.
    let bits = cfg.tagger_bits;
    let fit =
        tagger::train(&train_t, Some(&dev_t), None, nclass, bits, cfg.tagger_epochs, cfg.patience, cfg.seed, cfg.prune, &clusters);
    log(format!("tagger pass 1: best epoch {} dev curve {:?}", fit.best_epoch, fit.dev_curve));
    let (jk1, alts1, acc1) = jackknife(&train_t, None, nclass, fit.best_epoch, cfg, &clusters);
    let close = alts1.iter().flatten().filter(|&&a| a != tagger::NO_ALT).count();
    log(format!("runner-up class reported for {:.1}% of train words", 100.0 * close as f64 / alts1.iter().map(Vec::len).sum::<usize>().max(1) as f64));
    log(format!("pass 1 jack-knifed train tag accuracy {acc1:.4}"));
    // Tags and runner-up classes.
    let tag_all = |t: &tagger::Tagger, ss: &[Vec<(&str, u16)>]| -> (Vec<Vec<u16>>, Vec<Vec<u16>>) {
        let mut scratch = tagger::TagScratch::default();
        ss.iter()
            .map(|s| {
                let words: Vec<&str> = s.iter().map(|x| x.0).collect();
                let mut out = Vec::new();
                t.tag(&words, &mut scratch, &mut out);
                (out, scratch.alts.clone())
            })
            .unzip()
    };
    let (fit, mut jk, mut jk_alts, jackknife_tag_accuracy) = if cfg.tagger_passes < 2 {
        (fit, jk1, alts1, acc1)
    } else {
        let dev1 = tag_all(&fit.tagger, &dev_t).0;
        // (2) Second pass over the first pass's (jack-knifed) tags, and its own jack-knifed tags.
        let fit2 =
            tagger::train(&train_t, Some(&dev_t), Some((&jk1, &dev1)), nclass, bits, cfg.tagger_epochs, cfg.patience, cfg.seed + 100, cfg.prune, &clusters);
        log(format!("tagger pass 2: best epoch {} dev curve {:?}", fit2.best_epoch, fit2.dev_curve));
        let (jk, alts, acc2) = jackknife(&train_t, Some(&jk1), nclass, fit2.best_epoch, cfg, &clusters);
        log(format!("pass 2 jack-knifed train tag accuracy {acc2:.4}"));
        let mut curve = fit.dev_curve.clone();
        curve.extend(&fit2.dev_curve);
        let fit = tagger::TaggerFit { best_epoch: fit.best_epoch, dev_curve: curve, tagger: fit.tagger.with_second(fit2.tagger) };
        (fit, jk, alts, acc2)
    };
    let full_tagger = fit.tagger;
    let (mut dev_tags, mut dev_alts) = tag_all(&full_tagger, &dev_t);
    if cfg.gold_tags {
        jk = train_t.iter().map(|s| s.iter().map(|x| x.1).collect()).collect();
        dev_tags = dev_t.iter().map(|s| s.iter().map(|x| x.1).collect()).collect();
        jk_alts = jk.iter().map(|s| vec![tagger::NO_ALT; s.len()]).collect();
        dev_alts = dev_tags.iter().map(|s| vec![tagger::NO_ALT; s.len()]).collect();
    }
    // Tags travel with their runner-ups from here on.
    let jk: Vec<(Vec<u16>, Vec<u16>)> = jk.into_iter().zip(jk_alts).collect();
    let dev_tags: Vec<(Vec<u16>, Vec<u16>)> = dev_tags.into_iter().zip(dev_alts).collect();

    // (3) Lemmas.
    let lemma_data: Vec<(&str, &str, u16)> = train
        .iter()
        .flat_map(|s| s.words.iter())
        .filter(|w| w.lemma != "_" || w.form == "_")
        .map(|w| (w.form.as_str(), w.lemma.as_str(), class_of(w)))
        .collect();
    let lemma = Lemmatizer::learn(&lemma_data);

    // (4) Parser.
    let coarse = crate::coarse_of(&tags.iter().map(|t| t.0.as_str()).collect::<Vec<_>>());
    let vals_of = |s: &dragoman_conllu::Sentence, tags: &(Vec<u16>, Vec<u16>)| {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let mut v = SentVals::new(word_vals(&words, &clusters).into_iter(), &tags.0, &tags.1, &coarse);
        v.brown = clusters.brown_len() > 0;
        v
    };
    let heads_of = |s: &dragoman_conllu::Sentence| -> Vec<usize> {
        std::iter::once(0).chain(s.words.iter().map(|w| w.head)).collect()
    };
    let pdata: Vec<ParseExample> = train
        .iter()
        .zip(&jk)
        .map(|(s, t)| ParseExample { vals: vals_of(s, t), gold: parser::projectivize(&heads_of(s)) })
        .collect();
    let pdev: Vec<(SentVals, Vec<usize>)> = dev.iter().zip(&dev_tags).map(|(s, t)| (vals_of(s, t), heads_of(s))).collect();
    // Several parsers from different shuffles and exploration draws, their weights averaged: for
    // linear scorers that is exactly the ensemble that sums their scores, at one parser's cost.
    let mut rng = Rng::new(cfg.seed ^ 0x5eed);
    let mut members = Vec::new();
    let mut pcurve = Vec::new();
    let mut parser_epochs = 0;
    for run in 0..cfg.ensemble.max(1) {
        let mut tr = Trainer::new(cfg.parser_bits, 3);
        let mut order: Vec<usize> = (0..pdata.len()).collect();
        let mut best: Option<(f64, usize, Dense)> = None;
        for epoch in 1..=cfg.parser_epochs {
            rng.shuffle(&mut order);
            if cfg.beam > 1 {
                parser::train_epoch_beam(&mut tr, &pdata, &order, cfg.beam);
            } else {
                parser::train_epoch(&mut tr, &pdata, &order, epoch >= cfg.explore_from, cfg.p_explore, &mut rng);
            }
            let avg = tr.averaged();
            // Evaluated as shipped: quantized.
            let uas = parser::uas(&Parser { w: avg.quantize(), beam: cfg.beam, margin: 0.0 }, &pdev);
            pcurve.push(uas);
            log(format!("parser {run} epoch {epoch}: dev UAS {uas:.4}"));
            if best.as_ref().is_none_or(|b| uas > b.0) {
                best = Some((uas, epoch, avg));
            } else if best.as_ref().is_some_and(|b| epoch - b.1 >= cfg.patience) {
                break;
            }
        }
        let (_, epoch, w) = best.ok_or_else(|| SyntaxError::Train("parser_epochs is 0".into()))?;
        parser_epochs = parser_epochs.max(epoch);
        members.push(w);
    }
    let mut parser = Parser { w: Dense::mean(&members).quantize(), beam: cfg.beam, margin: 0.0 };
    if cfg.beam > 1 {
        // The narrowest pruning margin that keeps dev UAS within 0.0005 of the full beam's: most
        // steps then run one item, which is what makes the beam affordable.
        let full = parser::uas(&parser, &pdev);
        for m in [10_000.0, 20_000.0, 30_000.0, 40_000.0, 60_000.0, 80_000.0] {
            parser.margin = m;
            let u = parser::uas(&parser, &pdev);
            log(format!("beam margin {m}: dev UAS {u:.4} (full beam {full:.4})"));
            if u >= full - 0.0005 {
                break;
            }
            parser.margin = 0.0;
        }
    }
    drop(members);
    log(format!("parser ensemble of {}: dev UAS {:.4}", cfg.ensemble.max(1), parser::uas(&parser, &pdev)));

    // (5) Labeler.
    let rels_of = |s: &dragoman_conllu::Sentence| -> Vec<u16> {
        std::iter::once(root).chain(s.words.iter().map(|w| rel_id.get(w.deprel.as_str()).copied().unwrap_or(u16::MAX))).collect()
    };
    let ldata: Vec<(SentVals, Vec<usize>, Vec<u16>)> = train
        .iter()
        .zip(&jk)
        .map(|(s, t)| (vals_of(s, t), heads_of(s), rels_of(s)))
        .filter(|(_, _, r)| !r.contains(&u16::MAX))
        .collect();
    let ldev: Vec<(SentVals, Vec<usize>, Vec<usize>, Vec<u16>)> = {
        let mut sc = parser::ParseScratch::default();
        dev.iter()
            .zip(&dev_tags)
            .map(|(s, t)| {
                let v = vals_of(s, t);
                let pred = parser.parse(&v, &mut sc);
                (v, pred, heads_of(s), rels_of(s))
            })
            .collect()
    };
    let labeler_las = |lab: &Labeler| {
        let mut lscratch = parser::LabelScratch::default();
        let (mut ok, mut n) = (0usize, 0usize);
        for (v, pred, gold, grel) in &ldev {
            let l = lab.label(v, pred, &mut lscratch);
            for d in 1..gold.len() {
                ok += (pred[d] == gold[d] && l[d] == grel[d]) as usize;
                n += 1;
            }
        }
        ok as f64 / n.max(1) as f64
    };
    let mut members = Vec::new();
    let mut lcurve = Vec::new();
    let mut labeler_epochs = 0;
    for run in 0..cfg.ensemble.max(1) {
        let mut tr = Trainer::new(cfg.labeler_bits, nrel);
        let mut order: Vec<usize> = (0..ldata.len()).collect();
        let mut best: Option<(f64, usize, Dense)> = None;
        for epoch in 1..=cfg.labeler_epochs {
            rng.shuffle(&mut order);
            parser::train_labeler_epoch(&mut tr, &ldata, &order, root);
            let avg = tr.averaged();
            let las = labeler_las(&Labeler { w: avg.to_sparse(cfg.prune), root });
            lcurve.push(las);
            log(format!("labeler {run} epoch {epoch}: dev LAS {las:.4}"));
            if best.as_ref().is_none_or(|b| las > b.0) {
                best = Some((las, epoch, avg));
            } else if best.as_ref().is_some_and(|b| epoch - b.1 >= cfg.patience) {
                break;
            }
        }
        let (_, epoch, w) = best.ok_or_else(|| SyntaxError::Train("labeler_epochs is 0".into()))?;
        labeler_epochs = labeler_epochs.max(epoch);
        members.push(w);
    }
    let lw = Dense::mean(&members).to_sparse(cfg.prune);
    drop(members);
    log(format!("labeler ensemble: dev LAS {:.4}", labeler_las(&Labeler { w: lw.clone(), root })));

    let model = Model {
        coarse,
        upos: crate::leak(tags.iter().map(|t| t.0.clone()).collect()),
        xpos: crate::leak(tags.iter().map(|t| t.1.clone()).collect()),
        labels: crate::leak(rels.clone()),
        tagger: full_tagger,
        lemma,
        parser,
        labeler: Labeler { w: lw, root },
    };
    let bytes = model.to_bytes();
    std::fs::create_dir_all(&cfg.out_dir).map_err(|source| SyntaxError::Io { path: cfg.out_dir.clone(), source })?;
    let path = cfg.out_dir.join(cfg.flavour.file_name());
    std::fs::write(&path, &bytes).map_err(|source| SyntaxError::Io { path: path.clone(), source })?;
    // Evaluate what was written, read back: the report describes the file, not the memory.
    let reread = Model::from_bytes(&bytes)?;
    let devm = evaluate_gold(&reread, &dev);
    log(format!("wrote {} ({} bytes); dev {:?}", path.display(), bytes.len(), devm));
    Ok(TrainReport {
        model_path: path.display().to_string(),
        model_bytes: bytes.len(),
        seconds: start.elapsed().as_secs_f64(),
        tag_classes: nclass,
        relations: nrel,
        tagger_epochs: fit.best_epoch,
        tagger_dev_curve: fit.dev_curve,
        jackknife_tag_accuracy,
        parser_epochs,
        parser_dev_uas_curve: pcurve,
        labeler_epochs,
        labeler_dev_las_curve: lcurve,
        dev: devm,
    })
}
