//! The typed builder: same scheme as the JSON, same checks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use appraisal::{
    BandStep, CategoryBuilder, Direction, IndicatorBuilder, Level, Record, Rubric, Scheme, SchemeBuilder, Text,
    VetoEffect, VetoWhen,
};
use rust_decimal::Decimal;

fn d(x: i64) -> Decimal {
    Decimal::from(x)
}

fn scale() -> Rubric {
    let lv = |k: &str, s: i64| Level { key: k.into(), label: None, description: None, score: d(s) };
    Rubric::Scale { levels: vec![lv("5", 100), lv("4", 85), lv("3", 70), lv("2", 50), lv("1", 0)] }
}

#[test]
fn builder_scores_the_appendix_example() {
    let scheme = SchemeBuilder::new("csr-quarterly", "2026.1")
        .name(Text::zh_en("客服代表季度考核", "CSR quarterly appraisal"))
        .roles(["csr"])
        .effective("2026-01-01", None)
        .missing(appraisal::MissingPolicy::Renormalize, d(60))
        .category(
            CategoryBuilder::new("basic_work", "基础工作", d(20))
                .indicator(
                    IndicatorBuilder::new(
                        "attendance",
                        "出勤率",
                        d(50),
                        Rubric::Bands {
                            direction: Direction::HigherBetter,
                            steps: vec![BandStep::new(d(99), d(100)), BandStep::new(d(95), d(80))],
                            otherwise: d(0),
                        },
                    )
                    .unit("percent")
                    .valid_range(d(0), d(100)),
                )
                .indicator(IndicatorBuilder::new(
                    "task_completion",
                    "任务完成率",
                    d(50),
                    Rubric::Linear { zero_at: d(80), full_at: d(100) },
                )),
        )
        .category(
            CategoryBuilder::new("service_quality", "服务质量", d(80)).indicator(
                IndicatorBuilder::new("communication", "沟通能力", d(100), scale())
                    .raters([("supervisor", d(70), 1), ("peer", d(30), 2)], 0),
            ),
        )
        .adjustment("commendation", "commendation", d(2), Some(d(6)))
        .veto(
            "serious_complaint",
            VetoWhen::Event { event: "serious_complaint".into(), at_least: 1 },
            VetoEffect::CapGrade("C".into()),
        )
        .total(d(100), Some(d(-20)), Some(d(10)))
        .grade("S", d(95))
        .grade("A", d(85))
        .grade("B", d(70))
        .grade("C", d(60))
        .grade("D", d(0))
        .build()
        .unwrap();
    let record = Record::new("E1001", "2026-Q3")
        .role("csr")
        .value("attendance", Decimal::new(985, 1))
        .value("task_completion", d(93))
        .rating("communication", "supervisor", "M01", Some("4".into()))
        .rating("communication", "peer", "P07", Some("5".into()))
        .rating("communication", "peer", "P09", Some("4".into()))
        .event("commendation", 1);
    let card = scheme.score_record(&record).unwrap();
    // SPEC Appendix, by hand: base 84.30, total 86.30, grade A.
    assert_eq!(card.base.unwrap().to_string(), "84.30");
    assert_eq!(card.total.unwrap().to_string(), "86.30");
    assert_eq!(card.grade.as_deref(), Some("A"));
    // Serde: a scheme deserialises through the same validation.
    let back: Scheme = serde_json::from_str(&scheme.canonical_json()).unwrap();
    assert_eq!(back.digest(), scheme.digest());
}

#[test]
fn builder_reports_every_problem() {
    let e = SchemeBuilder::new("x", "1")
        .category(CategoryBuilder::new("a", "A", d(60)).indicator(IndicatorBuilder::new(
            "i",
            "I",
            d(100),
            Rubric::Linear { zero_at: d(5), full_at: d(5) },
        )))
        .grade("A", d(50))
        .build()
        .unwrap_err();
    let got: Vec<(&str, &str)> = e.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect();
    assert_eq!(
        got,
        [
            ("invalid_rubric", "categories[0].indicators[0].rubric"),
            ("weights_sum", "categories"),
            ("grades_order", "grades[0].min")
        ]
    );
    let bad: Result<Scheme, _> = serde_json::from_str("{\"format\": \"x\"}");
    assert!(bad.unwrap_err().to_string().contains("unsupported_format"));
}
