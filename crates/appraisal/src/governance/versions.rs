//! Scheme versions (handbook 7.2–7.3, 6.4): several versions with effective dates, the one in
//! force for a date, overlaps rejected, and a plain-words diff (zh/en) of two versions.

use crate::error::{ErrorCode as C, Issue};
use crate::number::exact;
use crate::scheme::{Scheme, VetoEffect, VetoWhen};
use serde::Serialize;

/// The versions of one scheme, validated not to overlap.
#[derive(Debug, Clone)]
pub struct SchemeVersions {
    versions: Vec<Scheme>,
}

impl SchemeVersions {
    /// Collects versions; two versions of the same scheme id whose effective ranges overlap
    /// are `invalid_range` (at `versions[i].effective`).
    pub fn new(versions: Vec<Scheme>) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        for (i, a) in versions.iter().enumerate() {
            for (j, b) in versions.iter().enumerate().take(i) {
                if a.id() != b.id() {
                    continue;
                }
                let (ea, eb) = (&a.def.effective, &b.def.effective);
                let a_before_b = ea.until.as_ref().is_some_and(|u| *u < eb.from);
                let b_before_a = eb.until.as_ref().is_some_and(|u| *u < ea.from);
                if !a_before_b && !b_before_a {
                    issues.push(Issue::new(
                        C::InvalidRange,
                        format!("versions[{i}].effective"),
                        format!(
                            "version {} of {} overlaps version {} (versions[{j}])",
                            a.version(),
                            a.id(),
                            b.version()
                        ),
                    ));
                }
            }
        }
        if issues.is_empty() {
            Ok(Self { versions })
        } else {
            Err(issues)
        }
    }

    /// The version of `scheme_id` in force on `date` (ISO `YYYY-MM-DD`, bounds inclusive).
    pub fn in_force(&self, scheme_id: &str, date: &str) -> Option<&Scheme> {
        self.versions.iter().find(|s| {
            let e = &s.def.effective;
            s.id() == scheme_id && e.from.as_str() <= date && e.until.as_ref().is_none_or(|u| date <= u.as_str())
        })
    }

    /// All versions.
    pub fn all(&self) -> &[Scheme] {
        &self.versions
    }
}

/// One difference between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// `added`, `removed` or `changed`.
    pub kind: &'static str,
    /// Where (`categories.basic_work.indicators.attendance.weight`, `grades.A.min`, …).
    pub path: String,
    /// In plain words.
    pub text: String,
}

/// What changed from `old` to `new`, in plain words (`lang`: `zh` or `en`).
pub fn diff(old: &Scheme, new: &Scheme, lang: &str) -> Vec<Change> {
    let zh = lang == "zh";
    let mut out = Vec::new();
    let mut push = |kind: &'static str, path: String, text: String| out.push(Change { kind, path, text });
    let (o, n) = (&old.def, &new.def);
    if o.rounding != n.rounding {
        push(
            "changed",
            "rounding".into(),
            if zh {
                format!(
                    "取整：{} 位 {} → {} 位 {}",
                    o.rounding.dp,
                    o.rounding.mode.as_str(),
                    n.rounding.dp,
                    n.rounding.mode.as_str()
                )
            } else {
                format!(
                    "rounding: {} dp {} → {} dp {}",
                    o.rounding.dp,
                    o.rounding.mode.as_str(),
                    n.rounding.dp,
                    n.rounding.mode.as_str()
                )
            },
        );
    }
    if o.missing != n.missing {
        push(
            "changed",
            "missing".into(),
            if zh {
                format!(
                    "缺失数据：{}，最低覆盖率 {}% → {}，{}%",
                    o.missing.policy.as_str(),
                    exact(o.missing.min_coverage),
                    n.missing.policy.as_str(),
                    exact(n.missing.min_coverage)
                )
            } else {
                format!(
                    "missing data: {}, min coverage {}% → {}, {}%",
                    o.missing.policy.as_str(),
                    exact(o.missing.min_coverage),
                    n.missing.policy.as_str(),
                    exact(n.missing.min_coverage)
                )
            },
        );
    }
    // Format 2 (SPEC §8): the weighting and the rating map.
    if (o.format, o.weights) != (n.format, n.weights) {
        let f = |d: &crate::scheme::SchemeDef| format!("{} ({})", d.format.as_str(), d.weights.as_str());
        push(
            "changed",
            "weights".into(),
            if zh {
                format!("方案格式与权重方式：{} → {}", f(o), f(n))
            } else {
                format!("format and weighting: {} → {}", f(o), f(n))
            },
        );
    }
    if o.rating != n.rating {
        let f = |r: &Option<crate::scheme::RatingMap>| {
            r.as_ref().map_or_else(
                || "—".to_string(),
                |m| {
                    m.points
                        .iter()
                        .map(|(x, y)| format!("{} → {}", exact(*x), exact(*y)))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            )
        };
        push(
            "changed",
            "rating".into(),
            if zh {
                format!("评级映射：{} ⇒ {}", f(&o.rating), f(&n.rating))
            } else {
                format!("rating map: {} ⇒ {}", f(&o.rating), f(&n.rating))
            },
        );
    }
    for oc in &o.categories {
        let p = format!("categories.{}", oc.id);
        let Some(nc) = n.categories.iter().find(|c| c.id == oc.id) else {
            push(
                "removed",
                p,
                if zh {
                    format!("删除类别「{}」", oc.name.get(lang))
                } else {
                    format!("category \"{}\" removed", oc.name.get(lang))
                },
            );
            continue;
        };
        if oc.pool != nc.pool {
            let f = |p: &Option<crate::scheme::Pool>| {
                p.map_or_else(|| "—".to_string(), |p| format!("{} → ≥ {}", exact(p.full), exact(p.floor)))
            };
            push(
                "changed",
                format!("{p}.pool"),
                if zh {
                    format!("类别「{}」扣分池：{} ⇒ {}", nc.name.get(lang), f(&oc.pool), f(&nc.pool))
                } else {
                    format!("category \"{}\" deduction pool: {} ⇒ {}", nc.name.get(lang), f(&oc.pool), f(&nc.pool))
                },
            );
        }
        if oc.weight != nc.weight {
            push(
                "changed",
                format!("{p}.weight"),
                if zh {
                    format!("类别「{}」权重 {}% → {}%", nc.name.get(lang), exact(oc.weight), exact(nc.weight))
                } else {
                    format!("category \"{}\" weight {}% → {}%", nc.name.get(lang), exact(oc.weight), exact(nc.weight))
                },
            );
        }
        for oi in &oc.indicators {
            let q = format!("{p}.indicators.{}", oi.id);
            let Some(ni) = nc.indicators.iter().find(|i| i.id == oi.id) else {
                push(
                    "removed",
                    q,
                    if zh {
                        format!("删除指标「{}」", oi.name.get(lang))
                    } else {
                        format!("indicator \"{}\" removed", oi.name.get(lang))
                    },
                );
                continue;
            };
            let name = ni.name.get(lang);
            if oi.weight != ni.weight {
                push(
                    "changed",
                    format!("{q}.weight"),
                    if zh {
                        format!("指标「{name}」权重 {}% → {}%", exact(oi.weight), exact(ni.weight))
                    } else {
                        format!("indicator \"{name}\" weight {}% → {}%", exact(oi.weight), exact(ni.weight))
                    },
                );
            }
            if oi.rubric != ni.rubric {
                push(
                    "changed",
                    format!("{q}.rubric"),
                    if zh {
                        format!("指标「{name}」评分细则：{} → {}", oi.rubric.describe(lang), ni.rubric.describe(lang))
                    } else {
                        format!(
                            "indicator \"{name}\" rubric: {} → {}",
                            oi.rubric.describe(lang),
                            ni.rubric.describe(lang)
                        )
                    },
                );
            }
            if oi.min_sample != ni.min_sample {
                let f = |m: Option<u64>| m.map_or("—".to_string(), |m| m.to_string());
                push(
                    "changed",
                    format!("{q}.min_sample"),
                    if zh {
                        format!("指标「{name}」最少样本 {} → {}", f(oi.min_sample), f(ni.min_sample))
                    } else {
                        format!("indicator \"{name}\" minimum sample {} → {}", f(oi.min_sample), f(ni.min_sample))
                    },
                );
            }
            if oi.applies_when != ni.applies_when {
                let f = |a: &Option<crate::scheme::AppliesWhen>| {
                    a.as_ref()
                        .map_or_else(|| "—".to_string(), |a| format!("{} ∈ {{{}}}", a.attribute, a.values.join(", ")))
                };
                push(
                    "changed",
                    format!("{q}.applies_when"),
                    if zh {
                        format!("指标「{name}」适用条件：{} ⇒ {}", f(&oi.applies_when), f(&ni.applies_when))
                    } else {
                        format!("indicator \"{name}\" applies when: {} ⇒ {}", f(&oi.applies_when), f(&ni.applies_when))
                    },
                );
            }
            if oi.raters != ni.raters {
                push(
                    "changed",
                    format!("{q}.raters"),
                    if zh {
                        format!("指标「{name}」评价人设置已变更")
                    } else {
                        format!("indicator \"{name}\" rater settings changed")
                    },
                );
            }
        }
        for ni in nc.indicators.iter().filter(|i| !oc.indicators.iter().any(|x| x.id == i.id)) {
            push(
                "added",
                format!("{p}.indicators.{}", ni.id),
                if zh {
                    format!(
                        "新增指标「{}」，权重 {}%，{}",
                        ni.name.get(lang),
                        exact(ni.weight),
                        ni.rubric.describe(lang)
                    )
                } else {
                    format!(
                        "indicator \"{}\" added, weight {}%, {}",
                        ni.name.get(lang),
                        exact(ni.weight),
                        ni.rubric.describe(lang)
                    )
                },
            );
        }
    }
    for nc in n.categories.iter().filter(|c| !o.categories.iter().any(|x| x.id == c.id)) {
        push(
            "added",
            format!("categories.{}", nc.id),
            if zh {
                format!("新增类别「{}」，权重 {}%", nc.name.get(lang), exact(nc.weight))
            } else {
                format!("category \"{}\" added, weight {}%", nc.name.get(lang), exact(nc.weight))
            },
        );
    }
    for og in &o.grades {
        match n.grades.iter().find(|g| g.id == og.id) {
            None => push(
                "removed",
                format!("grades.{}", og.id),
                if zh { format!("删除等级 {}", og.id) } else { format!("grade {} removed", og.id) },
            ),
            Some(ng) if ng.min != og.min => push(
                "changed",
                format!("grades.{}.min", og.id),
                if zh {
                    format!("等级 {} 下限 {} → {}", og.id, exact(og.min), exact(ng.min))
                } else {
                    format!("grade {} from {} → {}", og.id, exact(og.min), exact(ng.min))
                },
            ),
            _ => {}
        }
    }
    for ng in n.grades.iter().filter(|g| !o.grades.iter().any(|x| x.id == g.id)) {
        push(
            "added",
            format!("grades.{}", ng.id),
            if zh {
                format!("新增等级 {}（≥ {}）", ng.id, exact(ng.min))
            } else {
                format!("grade {} added (from {})", ng.id, exact(ng.min))
            },
        );
    }
    let veto_text = |v: &crate::scheme::Veto| -> String {
        let when = match &v.when {
            VetoWhen::Event { event, at_least } => format!("{event} ≥ {at_least}"),
            VetoWhen::Indicator { indicator, op, .. } => format!("{indicator} {} …", op.as_str()),
        };
        let effect = match &v.effect {
            VetoEffect::ZeroTotal => "zero_total".to_string(),
            VetoEffect::CapGrade(g) => format!("cap_grade {g}"),
            VetoEffect::ZeroCategory(c) => format!("zero_category {c}"),
        };
        format!("{when} → {effect}")
    };
    for ov in &o.vetoes {
        match n.vetoes.iter().find(|v| v.id == ov.id) {
            None => push(
                "removed",
                format!("vetoes.{}", ov.id),
                if zh { format!("删除否决项 {}", ov.id) } else { format!("veto {} removed", ov.id) },
            ),
            Some(nv) if nv.when != ov.when || nv.effect != ov.effect => push(
                "changed",
                format!("vetoes.{}", ov.id),
                if zh {
                    format!("否决项 {}：{} → {}", ov.id, veto_text(ov), veto_text(nv))
                } else {
                    format!("veto {}: {} → {}", ov.id, veto_text(ov), veto_text(nv))
                },
            ),
            _ => {}
        }
    }
    for nv in n.vetoes.iter().filter(|v| !o.vetoes.iter().any(|x| x.id == v.id)) {
        push(
            "added",
            format!("vetoes.{}", nv.id),
            if zh {
                format!("新增否决项 {}：{}", nv.id, veto_text(nv))
            } else {
                format!("veto {} added: {}", nv.id, veto_text(nv))
            },
        );
    }
    for oa in &o.adjustments {
        match n.adjustments.iter().find(|a| a.id == oa.id) {
            None => push(
                "removed",
                format!("adjustments.{}", oa.id),
                if zh { format!("删除加减分项 {}", oa.id) } else { format!("adjustment {} removed", oa.id) },
            ),
            Some(na) if na.points_per_unit != oa.points_per_unit || na.cap != oa.cap || na.event != oa.event => {
                let f = |a: &crate::scheme::Adjustment| {
                    format!(
                        "{} × {}{}",
                        exact(a.points_per_unit),
                        a.event,
                        a.cap.map_or(String::new(), |c| format!(", cap {}", exact(c)))
                    )
                };
                push(
                    "changed",
                    format!("adjustments.{}", oa.id),
                    if zh {
                        format!("加减分项 {}：{} → {}", oa.id, f(oa), f(na))
                    } else {
                        format!("adjustment {}: {} → {}", oa.id, f(oa), f(na))
                    },
                );
            }
            _ => {}
        }
    }
    for na in n.adjustments.iter().filter(|a| !o.adjustments.iter().any(|x| x.id == a.id)) {
        push(
            "added",
            format!("adjustments.{}", na.id),
            if zh { format!("新增加减分项 {}", na.id) } else { format!("adjustment {} added", na.id) },
        );
    }
    out
}
