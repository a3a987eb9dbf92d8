//! Event mentions as an Apache Parquet file (crate feature `parquet`): the columns of the CSV
//! export, typed — text as UTF-8 strings, offsets and counts as 64-bit integers, `goldstein` as a
//! double, `negated` as a boolean; missing values are nulls. Snappy-compressed.

use crate::query::EventRow;
use crate::StoreError;
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::sync::Arc;

type Column = (&'static str, DataType, bool, ArrayRef);

fn text(name: &'static str, rows: &[EventRow], f: impl Fn(&EventRow) -> Option<&str>) -> Column {
    (name, DataType::Utf8, true, Arc::new(rows.iter().map(f).collect::<StringArray>()))
}

fn int(name: &'static str, rows: &[EventRow], f: impl Fn(&EventRow) -> Option<i64>) -> Column {
    (name, DataType::Int64, true, Arc::new(rows.iter().map(f).collect::<Int64Array>()))
}

/// The rows as one Parquet file, in memory.
pub fn events_to_parquet(rows: &[EventRow]) -> Result<Vec<u8>, StoreError> {
    let columns: Vec<Column> = vec![
        int("event_id", rows, |r| Some(r.event_id)),
        int("group_id", rows, |r| Some(r.group_id)),
        text("date", rows, |r| r.date.as_deref()),
        text("date_source", rows, |r| r.date_source.as_deref()),
        text("cameo", rows, |r| r.cameo.as_deref()),
        text("plover", rows, |r| r.plover.as_deref()),
        text("mode", rows, |r| r.mode.as_deref()),
        text("source_code", rows, |r| r.source_code.as_deref()),
        text("source_text", rows, |r| r.source_text.as_deref()),
        text("target_code", rows, |r| r.target_code.as_deref()),
        text("target_text", rows, |r| r.target_text.as_deref()),
        ("negated", DataType::Boolean, false, Arc::new(rows.iter().map(|r| Some(r.negated)).collect::<BooleanArray>())),
        text("modality", rows, |r| r.modality.as_deref()),
        text("location_text", rows, |r| r.location_text.as_deref()),
        text("location_code", rows, |r| r.location_code.as_deref()),
        int("quad_class", rows, |r| r.quad_class),
        ("goldstein", DataType::Float64, true, Arc::new(rows.iter().map(|r| r.goldstein).collect::<Float64Array>())),
        text("rule", rows, |r| r.rule.as_deref()),
        text("trigger_text", rows, |r| r.trigger_text.as_deref()),
        int("trigger_start", rows, |r| r.trigger_start),
        int("trigger_end", rows, |r| r.trigger_end),
        int("sentence", rows, |r| r.sentence),
        int("sentence_start", rows, |r| r.sentence_start),
        int("sentence_end", rows, |r| r.sentence_end),
        text("sentence_text", rows, |r| r.sentence_text.as_deref()),
        text("article_id", rows, |r| Some(&r.article_id)),
        text("url", rows, |r| r.url.as_deref()),
        text("title", rows, |r| r.title.as_deref()),
        text("outlet", rows, |r| Some(&r.outlet)),
        text("article_date", rows, |r| r.article_date.as_deref()),
        int("num_mentions", rows, |r| Some(r.num_mentions)),
        int("num_sources", rows, |r| Some(r.num_sources)),
        int("num_articles", rows, |r| Some(r.num_articles)),
    ];
    let schema = Arc::new(Schema::new(
        columns.iter().map(|(name, ty, nullable, _)| Field::new(*name, ty.clone(), *nullable)).collect::<Vec<_>>(),
    ));
    let batch = RecordBatch::try_new(schema.clone(), columns.into_iter().map(|c| c.3).collect())
        .map_err(|e| StoreError::Parquet(e.to_string()))?;
    let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
    let mut buf = Vec::new();
    let mut w = ArrowWriter::try_new(&mut buf, schema, Some(props)).map_err(|e| StoreError::Parquet(e.to_string()))?;
    w.write(&batch).map_err(|e| StoreError::Parquet(e.to_string()))?;
    w.close().map_err(|e| StoreError::Parquet(e.to_string()))?;
    Ok(buf)
}
