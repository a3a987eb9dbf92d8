//! Parallel streaming: read → analyse on N threads → write in input order, with bounded memory.
//!
//! One reader thread pushes records into a bounded queue; worker threads analyse them; the caller's
//! thread receives results and hands them to its sink **in input order**. At most `max_in_flight`
//! records exist at once between reading and writing (queued, being analysed, or waiting for an
//! earlier one to finish), so memory does not grow with the input, whatever its size — a slow
//! document holds the reader back instead of letting finished ones pile up.
//!
//! ```
//! use dragoman_pipeline::{stream, Pipeline};
//! use dragoman_doc::Document;
//! let p = Pipeline::new().unwrap();
//! let mut ids = Vec::new();
//! stream::run(&p, 2, 8, |push: &mut dyn FnMut(Result<Document, String>)| {
//!     for i in 0..20 {
//!         push(Ok(Document::with_meta("Khan left.", dragoman_doc::Meta { id: i.to_string(), ..Default::default() })));
//!     }
//! }, |r| ids.push(r.unwrap().doc.meta.id));
//! assert_eq!(ids, (0..20).map(|i| i.to_string()).collect::<Vec<_>>());
//! ```

use crate::{Analysis, Pipeline};
use dragoman_doc::Document;
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Condvar, Mutex};

/// Counts the number of records between reading and writing, and blocks the reader at the limit.
struct InFlight {
    count: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl InFlight {
    fn acquire(&self) {
        let mut n = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= self.limit {
            n = self.freed.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
    }

    fn release(&self) {
        let mut n = self.count.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        self.freed.notify_one();
    }
}

/// Runs `read` on its own thread, analyses what it pushes on `threads` workers, and calls `write`
/// on the caller's thread with each result in input order. Errors from the reader pass through
/// unchanged, in their place.
pub fn run<E, R, W>(pipeline: &Pipeline, threads: usize, max_in_flight: usize, read: R, write: W)
where
    E: Send,
    R: FnOnce(&mut dyn FnMut(Result<Document, E>)) + Send,
    W: FnMut(Result<Analysis, E>),
{
    run_map(pipeline, threads, max_in_flight, read, |a| a, write)
}

/// Like [`run`], with a `finish` step that also runs on the workers — rendering the output line,
/// say — so that the caller's thread only writes, and does not become the bottleneck.
pub fn run_map<E, T, R, F, W>(pipeline: &Pipeline, threads: usize, max_in_flight: usize, read: R, finish: F, mut write: W)
where
    E: Send,
    T: Send,
    R: FnOnce(&mut dyn FnMut(Result<Document, E>)) + Send,
    F: Fn(Analysis) -> T + Sync,
    W: FnMut(Result<T, E>),
{
    let threads = threads.max(1);
    let limit = max_in_flight.max(threads + 1);
    let gate = Arc::new(InFlight { count: Mutex::new(0), freed: Condvar::new(), limit });
    let (in_tx, in_rx) = sync_channel::<(usize, Result<Document, E>)>(threads * 2);
    let in_rx = Arc::new(Mutex::new(in_rx));
    let (out_tx, out_rx) = sync_channel::<(usize, Result<Option<T>, E>)>(threads * 2);
    let finish = &finish;
    std::thread::scope(|scope| {
        let reader_gate = Arc::clone(&gate);
        scope.spawn(move || {
            let mut seq = 0usize;
            let mut push = |r: Result<Document, E>| {
                reader_gate.acquire();
                // A closed queue means the consumer is gone; nothing more can be delivered.
                let _ = in_tx.send((seq, r));
                seq += 1;
            };
            read(&mut push);
        });
        for _ in 0..threads {
            let rx = Arc::clone(&in_rx);
            let tx = out_tx.clone();
            scope.spawn(move || loop {
                let next = {
                    let guard = rx.lock().unwrap_or_else(|e| e.into_inner());
                    guard.recv()
                };
                let Ok((seq, item)) = next else { break };
                // `analyze` already contains its stages' panics; a panic in `finish` (rendering)
                // must not leave a hole in the sequence, or the in-order writer would wait forever.
                let result = item.map(|doc| {
                    let a = pipeline.analyze(doc);
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| finish(a)))
                });
                let result = match result {
                    Ok(Ok(t)) => Ok(Some(t)),
                    Ok(Err(_)) => Ok(None),
                    Err(e) => Err(e),
                };
                if tx.send((seq, result)).is_err() {
                    break;
                }
            });
        }
        drop(out_tx);
        // A record whose rendering panicked is skipped (reported on stderr), never waited for.
        deliver_in_order(out_rx, &gate, &mut |r: Result<Option<T>, E>| match r {
            Ok(Some(t)) => write(Ok(t)),
            Ok(None) => eprintln!("dragoman: internal error while rendering one article; it was skipped"),
            Err(e) => write(Err(e)),
        });
    });
}

fn deliver_in_order<T>(rx: Receiver<(usize, T)>, gate: &InFlight, write: &mut impl FnMut(T)) {
    let mut pending: BTreeMap<usize, T> = BTreeMap::new();
    let mut next = 0usize;
    for (seq, item) in rx {
        pending.insert(seq, item);
        while let Some(item) = pending.remove(&next) {
            write(item);
            gate.release();
            next += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_and_errors_pass_through() {
        let p = Pipeline::new().unwrap();
        let mut got = Vec::new();
        run(
            &p,
            3,
            4,
            |push: &mut dyn FnMut(Result<Document, String>)| {
                for i in 0..200 {
                    if i % 7 == 0 {
                        push(Err(format!("bad {i}")));
                    } else {
                        // uneven sizes so that workers finish out of order
                        push(Ok(Document::new(format!("{} Khan left.", "Putin stayed. ".repeat(i % 13)))));
                    }
                }
            },
            |r| got.push(r.map(|a| a.doc.sentences.len())),
        );
        assert_eq!(got.len(), 200);
        for (i, r) in got.iter().enumerate() {
            match r {
                Err(e) => assert_eq!(e, &format!("bad {i}")),
                Ok(n) => assert_eq!(*n, i % 13 + 1),
            }
        }
    }
}
