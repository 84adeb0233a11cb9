//! The digest is SHA-256 over the canonical serialisation documented in docs/semantics.md.
//! The canonical text below was written by hand from that description, and its hash computed
//! independently (Python's hashlib), so a change of the canonical form cannot go unnoticed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::Scheme;

const INPUT: &str = r#"{"grades": [{"id": "A", "min": "0"}], "format": "appraisal-scheme/1", "id": "d", "version": "1",
 "name": "D", "period": "month", "effective": {"from": "2026-01-01"},
 "categories": [{"id": "c", "name": "C", "weight": "100.0", "indicators": [{"id": "i", "name": "I",
   "kind": "quantitative", "unit": "score", "source": "internal", "weight": 100, "rubric": {"type": "direct"}}]}]}"#;

const CANONICAL: &str = r#"{"format":"appraisal-scheme/1","id":"d","version":"1","name":"D","roles":[],"period":"month","effective":{"from":"2026-01-01"},"rounding":{"dp":2,"mode":"half_up","money_dp":2},"missing":{"policy":"renormalize","min_coverage":"0"},"categories":[{"id":"c","name":"C","weight":"100","indicators":[{"id":"i","name":"I","kind":"quantitative","unit":"score","source":"internal","weight":"100","rubric":{"type":"direct"}}]}],"adjustments":[],"vetoes":[],"total":{"ceiling":"100"},"grades":[{"id":"A","min":"0"}]}"#;

#[test]
fn canonical_form_and_digest() {
    let s = Scheme::from_json(INPUT).unwrap();
    assert_eq!(s.canonical_json(), CANONICAL);
    assert_eq!(s.digest(), "sha256:39fc27bba88efa5be8c22297e01de7f9f78a9afddd979449cad5a297bf25ebfa");
}
