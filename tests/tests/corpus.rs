//! Runs the golden corpus: every vector file, output byte-identical to the expected JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal_tests::{run_vector, vector_files};

#[test]
fn golden_corpus() {
    let files = vector_files();
    assert!(!files.is_empty(), "expected the corpus, found {} files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        problems.extend(run_vector(&doc));
    }
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
}
