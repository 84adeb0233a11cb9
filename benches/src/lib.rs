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

/// The 20-indicator benchmark scheme (`benches/data/bench20.json`): four categories of five
/// indicators using every numeric rubric, two adjustments, two vetoes.
pub const BENCH20_JSON: &str = include_str!("../data/bench20.json");

/// The indicator columns of [`BENCH20_JSON`], in scheme order.
pub const BENCH20_INDICATORS: [&str; 20] = [
    "attendance",
    "task_completion",
    "timeliness",
    "schedule_adherence",
    "work_quality",
    "qa_score",
    "aht",
    "hold_time",
    "script_compliance",
    "transfer_rate",
    "csat",
    "nps",
    "complaints",
    "dsat_rate",
    "survey_response",
    "fcr",
    "escalation_time",
    "feedback_closure",
    "repeat_contact",
    "knowledge_articles",
];

/// The events of [`BENCH20_JSON`].
pub const BENCH20_EVENTS: [&str; 4] = ["commendation", "discipline", "serious_breach", "fraud"];

/// The built benchmark scheme.
pub fn bench20_scheme() -> Option<appraisal::Scheme> {
    appraisal::Scheme::from_json(BENCH20_JSON).ok()
}

/// One deterministic bench20 row: employee id, the 20 values as decimal texts, the 4 event counts.
pub type Bench20Row = (String, Vec<String>, [u64; 4]);

/// `n` deterministic rows for [`BENCH20_JSON`] (values with 0–1 decimals, realistic ranges).
pub fn bench20_rows(n: usize, seed: u64) -> Vec<Bench20Row> {
    let mut g = Gen::new(seed);
    (0..n)
        .map(|i| {
            let v = vec![
                g.tenth(93, 100),
                g.tenth(85, 100),
                g.tenth(70, 100),
                g.tenth(85, 100),
                g.tenth(70, 100),
                g.tenth(70, 100),
                (g.below(420) + 180).to_string(),
                (g.below(70) + 10).to_string(),
                g.tenth(88, 100),
                g.tenth(0, 8),
                g.tenth(80, 100),
                (g.below(91)).to_string(),
                if g.below(3) == 0 { g.below(3) } else { 0 }.to_string(),
                g.tenth(0, 5),
                g.tenth(25, 60),
                g.tenth(65, 95),
                g.tenth(1, 24),
                g.tenth(80, 100),
                g.tenth(2, 15),
                g.below(7).to_string(),
            ];
            let ev = [
                if g.below(4) == 0 { g.below(4) } else { 0 },
                u64::from(g.below(25) == 0),
                u64::from(g.below(100) == 0),
                u64::from(g.below(1000) == 0),
            ];
            (format!("A{i:07}"), v, ev)
        })
        .collect()
}

/// A bench20 row as a record (SPEC JSON shape).
pub fn bench20_record((employee, values, events): &Bench20Row) -> Value {
    let mut vals = serde_json::Map::new();
    for (k, v) in BENCH20_INDICATORS.iter().zip(values) {
        vals.insert((*k).to_string(), Value::String(v.clone()));
    }
    let mut ev = serde_json::Map::new();
    for (k, n) in BENCH20_EVENTS.iter().zip(events) {
        ev.insert((*k).to_string(), Value::from(*n));
    }
    json!({"employee": employee, "period": "2026-11", "values": vals, "events": ev})
}

/// `n` deterministic bench20 records.
pub fn bench20_records(n: usize, seed: u64) -> Vec<Value> {
    bench20_rows(n, seed).iter().map(bench20_record).collect()
}
