//! Prints what the tagger finds in each line of stdin: `DATE<TAB>sentence` per line.
use dragoman_doc::Document;
use std::io::BufRead;
fn main() {
    let tagger = dragoman_time::TimeTagger::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Some((dct, text)) = line.split_once('\t') else { continue };
        let mut doc = Document::new(text);
        dragoman_segment::segment(&mut doc);
        let dct = chrono::NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        let found: Vec<String> = tagger.tag(&doc, dct).iter().map(|t| format!("[{}|{}|{}]", doc.slice(t.span), t.kind.as_str(), t.value)).collect();
        println!("{text}\n    {}", found.join(" "));
    }
}
