//! Readable scorecard tables and CSV output.

use appraisal::present::words;
use appraisal::score::columns;
use appraisal::{BatchEntry, CategoryStatus, IndicatorStatus, Scheme, Scorecard, Status};
use std::collections::BTreeMap;
use std::fmt::Write;

use appraisal::text::{display_width as width, pad};

/// The notes of one row: N/A indicators with their reasons, fired vetoes, a capped grade and an
/// incomplete result, named as the scheme names them in `lang`.
fn notes(scheme: &Scheme, card: &Scorecard, lang: &str) -> String {
    let w = words::table(lang);
    let ind_name = |id: &str| scheme.indicator(id).map_or(id.to_string(), |i| i.name.get(lang).to_string());
    let veto_name = |id: &str| {
        scheme.def().vetoes.iter().find(|v| v.id == id).and_then(|v| v.name.as_ref()).map_or(id.to_string(), |n| {
            if lang == "zh" {
                n.get(lang).to_string()
            } else {
                id.to_string()
            }
        })
    };
    let mut n: Vec<String> = Vec::new();
    let na: Vec<String> = card
        .indicators
        .iter()
        // Out of scope is not missing data (SPEC §8.6): not a note.
        .filter(|i| i.status == IndicatorStatus::NotApplicable && i.reason != Some(appraisal::NaReason::OutOfScope))
        .map(|i| {
            let name = if lang == "zh" { ind_name(&i.id) } else { i.id.to_string() };
            format!("{name} ({})", words::na_reason(i.reason.map_or("", |r| r.as_str()), lang))
        })
        .collect();
    if !na.is_empty() {
        n.push(format!("{}: {}", w.na, na.join(", ")));
    }
    if !card.vetoes.is_empty() {
        n.push(format!("{}: {}", w.veto, card.vetoes.iter().map(|v| veto_name(v)).collect::<Vec<_>>().join(", ")));
    }
    if card.natural_grade != card.grade {
        n.push(format!("{} {}", w.capped_from, card.natural_grade.as_deref().unwrap_or("-")));
    }
    if card.status == Status::Incomplete {
        n.push(format!("{} ({} {}%)", w.incomplete, w.coverage, card.coverage));
    }
    if let Some(c) = &card.rating_correction {
        n.push(words::correction_note(c, lang));
    }
    if let Some(note) = card.grade_uncertain.as_ref().and_then(|g| words::grade_uncertain_note(g, lang)) {
        n.push(note);
    }
    for s in &card.shrinkage {
        let name = if lang == "zh" { ind_name(&s.indicator) } else { s.indicator.to_string() };
        n.push(words::shrink_note(s, &name, card.indicator(&s.indicator).and_then(|i| i.score), lang));
    }
    n.join("; ")
}

/// The scorecard table: employee, category scores, base, adjustments, total, grade, notes.
pub fn render(scheme: &Scheme, entries: &[BatchEntry], lang: &str, title: &str) -> String {
    let tw = words::table(lang);
    let w = tw;
    let mut header: Vec<String> = vec![w.employee.into(), w.period.into()];
    for c in scheme.categories() {
        header.push(c.name.get(lang).to_string());
    }
    let rated = scheme.def().rating.is_some();
    for h in [w.base, w.adj, w.total] {
        header.push(h.into());
    }
    if rated {
        header.push(w.rating.into());
    }
    for h in [w.grade, w.notes] {
        header.push(h.into());
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut grades: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = 0;
    for e in entries {
        match e {
            Ok(card) => {
                let mut r = vec![card.employee.clone(), card.period.clone()];
                for c in &card.categories {
                    r.push(match (c.status, c.score) {
                        (CategoryStatus::Vetoed, _) => w.vetoed_zero.to_string(),
                        (CategoryStatus::NotApplicable, None) => "n/a".to_string(),
                        (CategoryStatus::NotApplicable, Some(s)) => format!("{s} n/a"),
                        (CategoryStatus::Scored, Some(s)) => {
                            let partial = card.indicators.iter().any(|i| {
                                i.category == c.id
                                    && i.status == IndicatorStatus::NotApplicable
                                    && i.reason != Some(appraisal::NaReason::OutOfScope)
                            });
                            if partial {
                                format!("{s}*")
                            } else {
                                s.to_string()
                            }
                        }
                        (_, s) => s.map_or_else(|| "n/a".to_string(), |s| s.to_string()),
                    });
                }
                r.push(card.base.map_or("n/a".into(), |b| b.to_string()));
                let adj = card.adjustment_total;
                r.push(if adj.is_zero() {
                    "0".into()
                } else if adj.is_sign_positive() {
                    format!("+{adj}")
                } else {
                    adj.to_string()
                });
                r.push(card.total.map_or("n/a".into(), |t| t.to_string()));
                if let Some(rating) = card.rating {
                    r.push(rating.map_or("n/a".into(), |x| x.to_string()));
                }
                let g = card.grade.as_deref().unwrap_or("—").to_string();
                *grades.entry(g.clone()).or_default() += 1;
                r.push(g);
                r.push(notes(scheme, card, lang));
                rows.push(r);
            }
            Err(f) => {
                errors += 1;
                let mut r = vec![f.employee.clone().unwrap_or("?".into()), f.period.clone().unwrap_or("?".into())];
                for _ in scheme.categories() {
                    r.push(String::new());
                }
                r.extend(["".into(), "".into(), "".into()]);
                if rated {
                    r.push(String::new());
                }
                r.push("ERR".into());
                let codes: Vec<String> = f.errors.iter().map(|e| format!("{} at {}", e.code, e.path)).collect();
                r.push(format!("error: {}", codes.join(", ")));
                rows.push(r);
            }
        }
    }
    let ncols = header.len();
    let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate().take(ncols - 1) {
            w[i] = w[i].max(width(c));
        }
    }
    let mut o = String::new();
    let def = scheme.def();
    let _ = writeln!(o, "{} — {} {} ({})", def.name.get(lang), scheme.id(), scheme.version(), title);
    let _ = writeln!(o);
    let line = |o: &mut String, r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| if i == ncols - 1 { c.clone() } else { pad(c, w[i], i >= 2 && i < ncols - 2) })
            .collect();
        let _ = writeln!(o, "{}", cells.join("  ").trim_end());
    };
    line(&mut o, &header);
    let rule: Vec<String> =
        w.iter().enumerate().map(|(i, n)| "─".repeat(if i == ncols - 1 { 5 } else { *n })).collect();
    let _ = writeln!(o, "{}", rule.join("  "));
    for r in &rows {
        line(&mut o, r);
    }
    let _ = writeln!(o);
    let summary: Vec<String> =
        def.grades.iter().map(|g| format!("{} {}", g.id, grades.get(&g.id).copied().unwrap_or(0))).collect();
    let ungraded = grades.get("—").copied().unwrap_or(0);
    let _ = writeln!(
        o,
        "{} {}: {}{}{}",
        entries.len(),
        tw.records,
        summary.join(", "),
        if ungraded > 0 { format!(", {} {ungraded}", tw.ungraded) } else { String::new() },
        if errors > 0 { format!(", {} {errors}", tw.errors) } else { String::new() }
    );
    let _ = writeln!(o, "{}", tw.legend);
    o
}

/// The CSV header: the core's result columns, every name quoted and neutralised (category
/// ids come from the scheme).
pub fn csv_header(scheme: &Scheme) -> String {
    columns::csv_header(scheme)
}

/// One CSV row for one entry: the core's result row; text through [`safe::csv_text`]
/// (RFC 4180 quoting, formula prefixes neutralised), numbers as they are, nothing empty.
pub fn csv_row(scheme: &Scheme, e: &BatchEntry) -> String {
    columns::csv_line(&columns::entry_row(scheme, e))
}

/// One CSV row per record: identity, status, coverage, category scores, totals, grades.
pub fn csv(scheme: &Scheme, entries: &[BatchEntry]) -> String {
    let mut o = csv_header(scheme);
    o.push('\n');
    for e in entries {
        o.push_str(&csv_row(scheme, e));
        o.push('\n');
    }
    o
}

/// The forced-distribution table: rank, employee, total, grade before and after, reason.
pub fn distribution(scheme: &Scheme, cards: &[Scorecard], d: &appraisal::population::Distribution) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Forced distribution — {} {} ({} complete results{})",
        scheme.id(),
        scheme.version(),
        d.population,
        if d.applied { "" } else { ", below min_population: nothing moved" }
    );
    let _ = writeln!(o);
    for q in &d.quotas {
        let _ = writeln!(o, "  {} {} {}%: limit {}, now {}", q.kind, q.grades.join("+"), q.pct, q.limit, q.count);
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}  {}  {}  Grade    Reason",
        pad("Rank", 4, true),
        pad("Employee", 10, false),
        pad("Total", 6, true)
    );
    let mut rows: Vec<(usize, &appraisal::population::Placement, Option<rust_decimal::Decimal>)> =
        d.people.iter().zip(cards).map(|(p, c)| (p.rank.unwrap_or(usize::MAX), p, c.total)).collect();
    rows.sort_by_key(|r| r.0);
    for (rank, p, total) in rows {
        let from = p.from.as_deref().unwrap_or("—");
        let to = p.to.as_deref().unwrap_or("—");
        let g = if from == to { from.to_string() } else { format!("{from}→{to}") };
        let _ = writeln!(
            o,
            "{}  {}  {}  {}  {}",
            pad(&if rank == usize::MAX { "—".to_string() } else { rank.to_string() }, 4, true),
            pad(&p.employee, 10, false),
            pad(&total.map_or("n/a".to_string(), |t| t.to_string()), 6, true),
            pad(&g, 7, false),
            p.reason.as_deref().unwrap_or(if rank == usize::MAX { "incomplete: not distributed" } else { "" })
        );
    }
    if !d.ties.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "Ties split by a quota (calibrate these, rather than let the id decide):");
        for t in &d.ties {
            let _ = writeln!(o, "  {} (all {}) → {}", t.employees.join(", "), t.from, t.to.join(", "));
        }
    }
    o
}

/// What-if answers as a table.
pub fn whatif(w: &appraisal::WhatIf) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} · {}: total {}, grade {}; target {}",
        w.employee,
        w.period,
        w.total.map_or("n/a".into(), |t| t.to_string()),
        w.grade.as_deref().unwrap_or("—"),
        w.target.as_deref().unwrap_or("— (already the best grade)")
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}  {}  {}  {}  Grade / note",
        pad("Indicator", 18, false),
        pad("Now", 8, true),
        pad("Needs", 8, true),
        pad("Total", 7, true)
    );
    for a in &w.answers {
        let _ = writeln!(
            o,
            "{}  {}  {}  {}  {}",
            pad(&a.indicator, 18, false),
            pad(a.current.as_deref().unwrap_or("—"), 8, true),
            pad(a.value.as_deref().unwrap_or("—"), 8, true),
            pad(&a.total.map_or(String::new(), |t| t.to_string()), 7, true),
            a.grade.as_deref().or(a.note.as_deref()).unwrap_or("")
        );
    }
    o
}

/// Roll-up table: each sub-period's total, the rolled-up total and grade.
pub fn rollup(scheme: &Scheme, rows: &[(Vec<appraisal::SubResult>, appraisal::Rollup)]) -> String {
    let mut o = String::new();
    let n = rows.first().map_or(0, |r| r.0.len());
    let _ =
        writeln!(o, "Roll-up — {} {} ({} sub-periods, equal weights unless given)", scheme.id(), scheme.version(), n);
    let _ = writeln!(o);
    let mut head = pad("Employee", 10, false);
    for k in 0..n {
        head.push_str(&format!("  {}", pad(&format!("P{}", k + 1), 7, true)));
    }
    head.push_str("  Rolled  Grade  Status");
    let _ = writeln!(o, "{head}");
    for (subs, r) in rows {
        let mut line = pad(&r.employee, 10, false);
        for s in subs {
            let t = match (s.complete, s.total) {
                (true, Some(t)) => t.to_string(),
                _ => "—".into(),
            };
            line.push_str(&format!("  {}", pad(&t, 7, true)));
        }
        let status = if r.status == appraisal::Status::Complete {
            "complete".to_string()
        } else {
            format!("incomplete ({} of {})", r.periods_used, subs.len())
        };
        let capped = if r.grade != r.natural_grade {
            format!(" (capped from {})", r.natural_grade.as_deref().unwrap_or("-"))
        } else {
            String::new()
        };
        line.push_str(&format!(
            "  {}  {}  {status}{capped}",
            pad(&r.total.map_or("n/a".into(), |t| t.to_string()), 6, true),
            pad(r.grade.as_deref().unwrap_or("—"), 5, false)
        ));
        let _ = writeln!(o, "{line}");
    }
    o
}

/// Result-application table: grade, bonus, salary, position, training.
pub fn applications(rules: &appraisal::apply::RuleSet, apps: &[appraisal::apply::Application], lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{} — {} {}", rules.name().get(lang), rules.id(), rules.version());
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}  Grade  {}  {}  {}  {}  Training",
        pad("Employee", 10, false),
        pad("Coef", 5, true),
        pad("Bonus", 9, true),
        pad("Raise%", 6, true),
        pad("Position", 19, false)
    );
    for a in apps {
        let training: Vec<&str> = a.training.iter().map(|t| t.topic.as_str()).collect();
        let _ = writeln!(
            o,
            "{}  {}  {}  {}  {}  {}  {}",
            pad(&a.employee, 10, false),
            pad(a.grade.as_deref().unwrap_or("—"), 5, false),
            pad(a.bonus_coefficient.as_ref().map_or("—", |d| d.value.as_str()), 5, true),
            pad(a.bonus.as_deref().unwrap_or("—"), 9, true),
            pad(a.salary_adjustment_pct.as_ref().map_or("—", |d| d.value.as_str()), 6, true),
            pad(a.position.as_ref().map_or("", |d| d.value.as_str()), 19, false),
            training.join("; ")
        );
    }
    o
}
