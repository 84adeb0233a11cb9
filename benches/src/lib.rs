//! Deterministic workloads for the benchmarks: records for the built-in CSR scheme.

use serde_json::{json, Value};

/// A small deterministic generator (xorshift), so every run scores the same records.
pub struct Gen(u64);

impl Gen {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    /// Next number in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
    /// A decimal text with one decimal between lo and hi (tenths).
    pub fn tenth(&mut self, lo: u64, hi: u64) -> String {
        let t = lo * 10 + self.below((hi - lo) * 10 + 1);
        format!("{}.{}", t / 10, t % 10)
    }
}

/// `n` realistic records for the built-in `csr` scheme.
pub fn csr_records(n: usize, seed: u64) -> Vec<Value> {
    let mut g = Gen::new(seed);
    (0..n)
        .map(|i| {
            let levels = ["5", "4", "4", "3", "3", "2"];
            let lv = |g: &mut Gen| levels[g.below(levels.len() as u64) as usize];
            json!({
                "employee": format!("E{:06}", i), "period": "2026-Q3", "role": "csr",
                "values": {
                    "attendance": g.tenth(90, 100), "task_completion": g.tenth(82, 100),
                    "timeliness": g.tenth(65, 98), "work_quality": g.tenth(60, 100),
                    "qa_score": g.tenth(70, 99), "aht": g.below(600) + 150,
                    "csat": g.tenth(75, 99), "complaints": g.below(3),
                    "fcr": g.tenth(60, 95), "escalation_time": g.tenth(1, 30), "feedback_closure": g.tenth(75, 100)
                },
                "samples": {"qa_score": g.below(12), "csat": 20 + g.below(40)},
                "ratings": {
                    "communication": [
                        {"group": "supervisor", "rater": "M1", "value": lv(&mut g)},
                        {"group": "peer", "rater": "P1", "value": lv(&mut g)},
                        {"group": "peer", "rater": "P2", "value": lv(&mut g)}],
                    "service_attitude": [
                        {"group": "supervisor", "rater": "M1", "value": lv(&mut g)},
                        {"group": "peer", "rater": "P3", "value": lv(&mut g)}]
                },
                "events": {"commendation": g.below(4), "discipline_breach": u64::from(g.below(20) == 0)}
            })
        })
        .collect()
}
