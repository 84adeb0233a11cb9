//! Adjustments and vetoes, with their references resolved.

use super::*;

pub(super) fn read_adjustment(r: &mut Reader, v: &Value, p: &str) -> Option<Adjustment> {
    let m = r.object(v, p, &["id", "name", "event", "points_per_unit", "cap"])?;
    let id = req_id(r, m, p, "id");
    let name = opt_text(r, m, p, "name");
    let event = req_id(r, m, p, "event");
    let ppu = req_dec(r, m, p, "points_per_unit");
    let cap = opt_dec(r, m, p, "cap")?;
    if let Some(c) = cap {
        if c < Decimal::ZERO {
            r.push(C::InvalidValue, field(p, "cap"), format!("cap must be >= 0, found {}", exact(c)));
            return None;
        }
    }
    Some(Adjustment { id: id?, name, event: event?, points_per_unit: ppu?, cap })
}

/// Finds an indicator by id: `None` when the document has no such id; `Some(None)` when it has
/// one whose definition failed (its problems are reported already).
pub(super) fn resolve_indicator<'a>(
    raw: Option<&Value>,
    cats: Option<&'a [Option<PartialCategory>]>,
    id: &str,
) -> Option<Option<&'a Indicator>> {
    let a = raw?.as_array()?;
    for (ci, c) in a.iter().enumerate() {
        let Some(inds) = c.get("indicators").and_then(Value::as_array) else { continue };
        for (ii, i) in inds.iter().enumerate() {
            if i.get("id").and_then(Value::as_str) == Some(id) {
                let cat = cats.and_then(|cs| cs.get(ci)).and_then(Option::as_ref);
                return Some(cat.and_then(|c| c.indicators.get(ii)).and_then(Option::as_ref));
            }
        }
    }
    None
}

pub(super) fn read_veto(
    r: &mut Reader,
    v: &Value,
    p: &str,
    raw_categories: Option<&Value>,
    cats: Option<&[Option<PartialCategory>]>,
    grades: Option<&[Grade]>,
) -> Option<Veto> {
    let m = r.object(v, p, &["id", "name", "when", "effect"])?;
    let id = req_id(r, m, p, "id");
    let name = opt_text(r, m, p, "name");
    let wp = field(p, "when");
    let when = r.required(m, p, "when").and_then(|w| {
        let wm = r.object2(w, &wp, &["event", "at_least", "indicator", "op", "value"], &["on"])?;
        if wm.contains_key("event") {
            for bad in ["indicator", "op", "value", "on"] {
                if bad == "on" && !r.v2 {
                    continue; // already unknown_field in format 1
                }
                if wm.contains_key(bad) {
                    r.push(C::UnknownField, field(&wp, bad), format!("an event condition has no {bad:?}"));
                }
            }
            let event = req_id(r, wm, &wp, "event");
            let at_least = match Reader::optional(wm, "at_least") {
                None => Some(1),
                Some(x) => r.small_int(x, &field(&wp, "at_least"), 1, crate::number::MAX_COUNT),
            };
            return Some(VetoWhen::Event { event: event?, at_least: at_least? });
        }
        if wm.contains_key("at_least") {
            r.push(C::UnknownField, field(&wp, "at_least"), "an indicator condition has no \"at_least\"");
        }
        let ind = req_id(r, wm, &wp, "indicator");
        let op = req_string(r, wm, &wp, "op").and_then(|s| {
            let o = CmpOp::parse(&s);
            if o.is_none() {
                r.push(
                    C::InvalidValue,
                    field(&wp, "op"),
                    format!("unknown operator {s:?}; expected <, <=, >, >=, == or !="),
                );
            }
            o
        });
        let raw = r.required(wm, &wp, "value");
        let on = match Reader::optional(wm, "on") {
            None => Some(VetoOn::Raw),
            Some(x) => r.string(x, &field(&wp, "on")).and_then(|s| match s.as_str() {
                "raw" => Some(VetoOn::Raw),
                "score" => Some(VetoOn::Score),
                _ => {
                    r.push(C::InvalidValue, field(&wp, "on"), format!("unknown \"on\" {s:?}; expected raw or score"));
                    None
                }
            }),
        };
        let (ind, op, raw, on) = (ind?, op?, raw?, on?);
        // Resolve the indicator to know what the value must be.
        // Without readable categories there is nothing to resolve against (already reported).
        cats?;
        let Some(found) = resolve_indicator(raw_categories, cats, &ind) else {
            r.push(C::UnknownReference, field(&wp, "indicator"), format!("no indicator {ind:?} in this scheme"));
            return None;
        };
        // Present but itself invalid (already reported): nothing more to check here.
        let found = found?;
        if on == VetoOn::Score {
            // The rounded score s_i, for every rubric and multi-rater items (SPEC §8.5).
            let vp = field(&wp, "value");
            let x = r.decimal(raw, &vp)?;
            if x < Decimal::ZERO || x > hundred() {
                r.push(C::InvalidValue, vp, format!("a score condition compares with a score in [0, 100], found {}", exact(x)));
                return None;
            }
            return Some(VetoWhen::Indicator { indicator: ind, op, value: VetoValue::Number(x), on });
        }
        if found.raters.is_some() {
            r.push(
                C::InvalidValue,
                field(&wp, "indicator"),
                if r.v2 {
                    format!("indicator {ind:?} has several raters; a veto cannot test its raw value (\"on\": \"score\" tests its score)")
                } else {
                    format!("indicator {ind:?} has several raters; a veto cannot test its raw value")
                },
            );
            return None;
        }
        let vp = field(&wp, "value");
        let value = match found.rubric.input_kind() {
            InputKind::Number => VetoValue::Number(r.decimal(raw, &vp)?),
            kind => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    r.push(
                        C::InvalidValue,
                        field(&wp, "op"),
                        format!("only == and != apply to a {} indicator", found.rubric.type_name()),
                    );
                    return None;
                }
                if kind == InputKind::Key {
                    let Value::String(k) = raw else {
                        r.push(C::InvalidType, vp, format!("expected a level key string, found {}", shown(raw)));
                        return None;
                    };
                    if let Rubric::Scale { levels } = &found.rubric {
                        if !levels.iter().any(|l| &l.key == k) {
                            r.push(C::UnknownReference, vp, format!("no level {k:?} in indicator {ind:?}"));
                            return None;
                        }
                    }
                    VetoValue::Key(k.clone())
                } else {
                    VetoValue::Bool(r.boolean(raw, &vp)?)
                }
            }
        };
        Some(VetoWhen::Indicator { indicator: ind, op, value, on })
    });
    let ep = field(p, "effect");
    let effect = r.required(m, p, "effect").and_then(|e| {
        let em = r.object(e, &ep, &["type", "grade", "category"])?;
        let ty = req_string(r, em, &ep, "type")?;
        match ty.as_str() {
            "zero_total" => {
                for bad in ["grade", "category"] {
                    if em.contains_key(bad) {
                        r.push(C::UnknownField, field(&ep, bad), format!("a zero_total effect has no {bad:?}"));
                    }
                }
                Some(VetoEffect::ZeroTotal)
            }
            "cap_grade" => {
                if em.contains_key("category") {
                    r.push(C::UnknownField, field(&ep, "category"), "a cap_grade effect has no \"category\"");
                }
                let g = req_id(r, em, &ep, "grade")?;
                if let Some(gs) = grades {
                    if !gs.iter().any(|x| x.id == g) {
                        r.push(C::UnknownReference, field(&ep, "grade"), format!("no grade {g:?} in this scheme"));
                        return None;
                    }
                }
                Some(VetoEffect::CapGrade(g))
            }
            "zero_category" => {
                if em.contains_key("grade") {
                    r.push(C::UnknownField, field(&ep, "grade"), "a zero_category effect has no \"grade\"");
                }
                let c = req_id(r, em, &ep, "category")?;
                if cats.is_some() {
                    let named = raw_categories
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.iter().any(|x| x.get("id").and_then(Value::as_str) == Some(c.as_str())));
                    if !named {
                        r.push(
                            C::UnknownReference,
                            field(&ep, "category"),
                            format!("no category {c:?} in this scheme"),
                        );
                        return None;
                    }
                }
                Some(VetoEffect::ZeroCategory(c))
            }
            other => {
                r.push(
                    C::InvalidValue,
                    field(&ep, "type"),
                    format!("unknown veto effect {other:?}; expected zero_total, cap_grade or zero_category"),
                );
                None
            }
        }
    });
    Some(Veto { id: id?, name, when: when?, effect: effect? })
}
