//! Forced distribution (强制分布, SPEC §7) over a population's complete results.

use super::quotas::*;
use crate::error::{ErrorCode as C, Issue};
use crate::exact::{Frac, X};
use crate::number::exact;
use crate::score::{CategoryStatus, IndicatorStatus, Scorecard, Status};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// One person's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// Employee id.
    pub employee: String,
    /// Rank among the complete results (1 = best); null for incomplete ones.
    pub rank: Option<usize>,
    /// Grade before the distribution (after veto caps).
    pub from: Option<String>,
    /// Grade after it.
    pub to: Option<String>,
    /// Why the grade changed.
    pub reason: Option<String>,
}

/// A quota's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaOutcome {
    /// The grades of the quota.
    pub grades: Vec<String>,
    /// "max", "min" or "target" (`op: "="`).
    pub kind: &'static str,
    /// The percentage.
    #[serde(with = "rust_decimal::serde::str")]
    pub pct: Decimal,
    /// Allowed (max) or required (min) head count.
    pub limit: u64,
    /// Head count in the quota's grades after the distribution.
    pub count: u64,
}

/// People with equal total and keys and the same starting grade who ended in different grades:
/// calibrate them, rather than let the employee id decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieGroup {
    /// Employees, in ranking order.
    pub employees: Vec<String>,
    /// Their common starting grade.
    pub from: String,
    /// Their grades after the distribution.
    pub to: Vec<String>,
}

/// The result of a forced distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distribution {
    /// Complete results distributed (n).
    pub population: usize,
    /// False when n < min_population (nothing moved).
    pub applied: bool,
    /// Quotas with their limits and counts.
    pub quotas: Vec<QuotaOutcome>,
    /// Every input, in input order.
    pub people: Vec<Placement>,
    /// Tie groups split by a quota.
    pub ties: Vec<TieGroup>,
}

fn key_value(card: &Scorecard, k: &TieKey) -> Option<Decimal> {
    match k {
        TieKey::Base => card.base,
        TieKey::Category { id, .. } => card
            .categories
            .iter()
            .find(|c| c.id == id)
            .filter(|c| c.status != CategoryStatus::NotApplicable)
            .and_then(|c| c.score),
        TieKey::Indicator { id, .. } => card
            .indicators
            .iter()
            .find(|i| i.id == id)
            .filter(|i| i.status == IndicatorStatus::Scored)
            .and_then(|i| i.score),
    }
}

fn cmp_key(a: Option<Decimal>, b: Option<Decimal>, desc: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => {
            if desc {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        }
        (Some(_), None) => Ordering::Less, // an N/A key value ranks last
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// What the ranking sorts on: total, tie-key values, employee, position in the input.
type SortKey<'a> = (Option<Decimal>, &'a [Option<Decimal>], &'a str, usize);

/// Distributes the complete results of a population (incomplete ones pass through untouched).
pub fn distribute(cfg: &DistributionConfig, cards: &[Scorecard]) -> Result<Distribution, Vec<Issue>> {
    let gi = |g: &str| cfg.grades.iter().position(|x| x == g);
    let mut issues = Vec::new();
    // One result per person: a repeated employee would take two places in the quotas.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(cards.len());
    for (i, c) in cards.iter().enumerate() {
        if let Some(j) = seen.insert(c.employee.as_str(), i) {
            issues.push(Issue::new(
                C::DuplicateId,
                format!("results[{i}].employee"),
                format!("{:?} is already results[{j}]; a distribution takes one result per employee", c.employee),
            ));
        }
    }
    // Tie keys must name a category or indicator the results have.
    if let Some(first) = cards.first() {
        for (k, key) in cfg.tie_keys.iter().enumerate() {
            let (kind, id, known) = match key {
                TieKey::Base => continue,
                TieKey::Category { id, .. } => ("category", id, first.categories.iter().any(|c| c.id == id)),
                TieKey::Indicator { id, .. } => ("indicator", id, first.indicators.iter().any(|x| x.id == id)),
            };
            if !known {
                issues.push(Issue::new(
                    C::UnknownReference,
                    format!("tie_keys[{k}].{kind}"),
                    format!("no {kind} {id:?} in the results (scheme {:?})", first.scheme.id),
                ));
            }
        }
    }
    let mut start: Vec<Option<usize>> = Vec::with_capacity(cards.len());
    for (i, c) in cards.iter().enumerate() {
        let s = match (&c.status, &c.grade) {
            (Status::Complete, Some(g)) => match gi(g) {
                Some(x) => Some(x),
                None => {
                    issues.push(Issue::new(
                        C::UnknownReference,
                        format!("results[{i}].grade"),
                        format!("grade {g:?} is not in the configuration"),
                    ));
                    None
                }
            },
            _ => None,
        };
        start.push(s);
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let ranked: Vec<usize> = (0..cards.len()).filter(|&i| start[i].is_some()).collect();
    let keys: Vec<Vec<Option<Decimal>>> =
        cards.iter().map(|c| cfg.tie_keys.iter().map(|k| key_value(c, k)).collect()).collect();
    // The sort reads compact keys, not the scattered scorecards.
    let desc: Vec<bool> = cfg
        .tie_keys
        .iter()
        .map(|key| match key {
            TieKey::Base => true,
            TieKey::Category { desc, .. } | TieKey::Indicator { desc, .. } => *desc,
        })
        .collect();
    let mut sortable: Vec<SortKey<'_>> =
        ranked.iter().map(|&i| (cards[i].total, keys[i].as_slice(), cards[i].employee.as_str(), i)).collect();
    // A total order (employees are unique, checked above): an unstable sort gives the same ranking.
    sortable.sort_unstable_by(|a, b| {
        cmp_key(a.0, b.0, true)
            .then_with(|| {
                a.1.iter()
                    .zip(b.1)
                    .zip(&desc)
                    .map(|((x, y), d)| cmp_key(*x, *y, *d))
                    .find(|o| *o != Ordering::Equal)
                    .unwrap_or(Ordering::Equal)
            })
            .then_with(|| a.2.cmp(b.2))
    });
    let ranked: Vec<usize> = sortable.into_iter().map(|k| k.3).collect();
    let n = ranked.len();
    let limit = |pct: Decimal, round: QuotaRound| -> u64 {
        // n × pct / 100, exactly, then to a whole number of people.
        let f = Frac::new(X::from(n as u64).mul(&X::from(pct)), X::int(100));
        let whole = f.and_then(|f| match round {
            QuotaRound::Up => f.ceil(),
            QuotaRound::Down => f.floor(),
            QuotaRound::Nearest => f.round(0, crate::number::RoundingMode::HalfUp).map(|d| d.mantissa()),
        });
        whole.and_then(|w| u64::try_from(w).ok()).unwrap_or(0)
    };
    let up_if = |b: bool| if b { QuotaRound::Up } else { QuotaRound::Down };
    let limits: Vec<u64> = cfg
        .quotas
        .iter()
        .map(|q| {
            let default = match q.kind {
                QuotaKind::Max(_) => up_if(!cfg.strict),
                QuotaKind::Min(_) => up_if(cfg.strict),
                QuotaKind::Target(_) => QuotaRound::Down,
            };
            limit(q.kind.pct(), q.round.unwrap_or(default))
        })
        .collect();
    let applied = (n as u64) >= cfg.min_population;
    let mut fin: Vec<Option<usize>> = start.clone();
    let mut reason: Vec<Option<String>> = vec![None; cards.len()];
    let lowest = cfg.grades.len().saturating_sub(1);
    let describe = |q: &Quota, l: u64| -> String {
        match q.kind {
            QuotaKind::Max(p) => format!("max quota {} ({}% of {n} = {l}) full", q.grades.join("+"), exact(p)),
            QuotaKind::Min(p) => format!("min quota {} ({}% of {n} = {l}) filled", q.grades.join("+"), exact(p)),
            QuotaKind::Target(p) => format!("target {} ({}% of {n} = {l}) reached", q.grades.join("+"), exact(p)),
        }
    };
    if applied {
        let mut counts = vec![0u64; cfg.quotas.len()];
        for &p in &ranked {
            let s = start[p].unwrap_or(lowest);
            let mut chosen = None;
            let mut blocker = None;
            for g in s..cfg.grades.len() {
                let full =
                    cfg.quotas.iter().enumerate().find(|(qi, q)| {
                        q.kind.caps() && q.grades.contains(&cfg.grades[g]) && counts[*qi] >= limits[*qi]
                    });
                match full {
                    None => {
                        chosen = Some(g);
                        break;
                    }
                    Some((qi, _)) => {
                        blocker.get_or_insert(qi);
                    }
                }
            }
            let g = chosen.unwrap_or(lowest);
            for (qi, q) in cfg.quotas.iter().enumerate() {
                if q.kind.caps() && q.grades.contains(&cfg.grades[g]) {
                    counts[qi] = counts[qi].saturating_add(1);
                }
            }
            fin[p] = Some(g);
            if g != s {
                reason[p] = blocker.map(|qi| describe(&cfg.quotas[qi], limits[qi]));
            }
        }
        for (qi, q) in cfg.quotas.iter().enumerate() {
            if !q.kind.fills() {
                continue;
            }
            let Some(best) = q.grades.iter().filter_map(|g| gi(g)).min() else { continue };
            // Counted once, then kept up to date; the candidates are taken from the bottom of
            // the ranking upwards with one cursor (a moved person no longer qualifies, and
            // nobody below the cursor did): linear, not quadratic, in the population.
            let mut in_set =
                ranked.iter().filter(|&&p| fin[p].is_some_and(|g| q.grades.contains(&cfg.grades[g]))).count() as u64;
            let mut cursor = ranked.len();
            while in_set < limits[qi] {
                let Some(k) = ranked[..cursor].iter().rposition(|&p| fin[p].is_some_and(|g| g < best)) else { break };
                let p = ranked[k];
                fin[p] = Some(best);
                reason[p] = Some(describe(q, limits[qi]));
                in_set = in_set.saturating_add(1);
                cursor = k;
            }
        }
    }
    let quotas = cfg
        .quotas
        .iter()
        .enumerate()
        .map(|(qi, q)| QuotaOutcome {
            grades: q.grades.clone(),
            kind: match q.kind {
                QuotaKind::Max(_) => "max",
                QuotaKind::Min(_) => "min",
                QuotaKind::Target(_) => "target",
            },
            pct: exact(q.kind.pct()),
            limit: limits[qi],
            count: ranked.iter().filter(|&&p| fin[p].is_some_and(|g| q.grades.contains(&cfg.grades[g]))).count() as u64,
        })
        .collect();
    let mut rank = vec![None; cards.len()];
    for (k, &p) in ranked.iter().enumerate() {
        rank[p] = Some(k.saturating_add(1));
    }
    let name = |g: Option<usize>| g.and_then(|g| cfg.grades.get(g).cloned());
    let people = cards
        .iter()
        .enumerate()
        .map(|(i, c)| Placement {
            employee: c.employee.clone(),
            rank: rank[i],
            from: if start[i].is_some() { name(start[i]) } else { c.grade.as_deref().map(str::to_string) },
            to: if start[i].is_some() { name(fin[i]) } else { c.grade.as_deref().map(str::to_string) },
            reason: reason[i].clone(),
        })
        .collect();
    // Tie groups: equal total and keys, same starting grade, different outcomes.
    let mut ties = Vec::new();
    let mut k = 0;
    while k < ranked.len() {
        let mut j = k.saturating_add(1);
        while j < ranked.len() && cards[ranked[k]].total == cards[ranked[j]].total && keys[ranked[k]] == keys[ranked[j]]
        {
            j = j.saturating_add(1);
        }
        let run = &ranked[k..j];
        let mut starts: Vec<Option<usize>> = run.iter().map(|&p| start[p]).collect();
        starts.dedup();
        starts.sort();
        starts.dedup();
        for s0 in starts {
            let group: Vec<usize> = run.iter().copied().filter(|&p| start[p] == s0).collect();
            if group.iter().any(|&p| fin[p] != fin[group[0]]) {
                ties.push(TieGroup {
                    employees: group.iter().map(|&p| cards[p].employee.clone()).collect(),
                    from: name(s0).unwrap_or_default(),
                    to: group.iter().map(|&p| name(fin[p]).unwrap_or_default()).collect(),
                });
            }
        }
        k = j;
    }
    Ok(Distribution { population: n, applied, quotas, people, ties })
}
