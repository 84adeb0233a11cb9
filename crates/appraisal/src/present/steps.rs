//! A rubric step ("band 1: >= 99", "segment 2: 90 to 100", "raters: …") in the reader's
//! language. The JSON `step` stays as SPEC shows it (English); the explanation, the form and
//! the calculator show it through here, so a Chinese page reads Chinese throughout.

/// `step` (as the core writes it) in `lang` (`zh` or anything else for English).
pub fn render(step: &str, lang: &str) -> String {
    if lang != "zh" {
        return step.to_string();
    }
    zh(step)
}

fn zh(step: &str) -> String {
    let (linear, s) = match step.strip_prefix("linear ") {
        Some(rest) => ("线性，", rest),
        None => ("", step),
    };
    if let Some(x) = s.strip_prefix("at or below ") {
        return format!("{linear}不高于 {x}");
    }
    if let Some(x) = s.strip_prefix("at or above ") {
        return format!("{linear}不低于 {x}");
    }
    if let Some(rest) = s.strip_prefix("segment ") {
        if let Some((k, range)) = rest.split_once(": ") {
            return format!("{linear}第 {k} 段：{}", range.replacen(" to ", " 至 ", 1));
        }
    }
    if let Some(rest) = s.strip_prefix("band ") {
        if let Some((k, cond)) = rest.split_once(": ") {
            let cond = cond.replacen(">= ", "≥ ", 1).replacen("<= ", "≤ ", 1);
            return format!("第 {k} 档：{cond}");
        }
    }
    if let Some(rest) = s.strip_prefix("deduction: ") {
        let mut out = format!("扣分：{}", rest.replacen(" x ", " × ", 1));
        if let Some(i) = out.find(" (after ") {
            let tail = out.split_off(i);
            let free = tail.trim_start_matches(" (after ").split(" free)").collect::<Vec<_>>();
            out.push_str(&format!("（免扣 {}）", free.first().copied().unwrap_or("")));
            if let Some(rest) = free.get(1) {
                out.push_str(rest);
            }
        }
        return out.replacen(", floor ", "，最低 ", 1);
    }
    if s == "ratio: value 0 scores 100" {
        return "比率：实际值为 0，得 100".to_string();
    }
    if let Some(rest) = s.strip_prefix("ratio: ") {
        return format!("比率：{}", rest.replacen(" x ", " × ", 1));
    }
    if let Some(k) = s.strip_prefix("level ") {
        return format!("等级 {k}");
    }
    if let Some(rest) = s.strip_prefix("raters: ") {
        let parts: Vec<String> = rest
            .split(", ")
            .map(|p| {
                if let Some((g, why)) = p.split_once(" dropped (") {
                    format!("{g} 人数不足，不计（{}", why.replacen(" < ", " < 最少 ", 1).replacen(')', "）", 1))
                } else if let Some(g) = p.strip_suffix(" weight 0") {
                    format!("{g} 权重 0，不计")
                } else if let Some(g) = p.strip_suffix(" trimmed") {
                    format!("{g}（去掉最高与最低）")
                } else {
                    p.to_string()
                }
            })
            .collect();
        return format!("评价人：{}", parts.join("，"));
    }
    match s {
        "otherwise" => "其他情况".to_string(),
        "pass" => "通过".to_string(),
        "fail" => "未通过".to_string(),
        "direct" => "直接得分".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn every_step_form_reads_in_chinese() {
        let cases = [
            ("band 3: >= 95", "第 3 档：≥ 95"),
            ("band 1: <= 0", "第 1 档：≤ 0"),
            ("otherwise", "其他情况"),
            ("segment 2: 90 to 100", "第 2 段：90 至 100"),
            ("linear segment 1: 60 to 95", "线性，第 1 段：60 至 95"),
            ("linear at or above 90", "线性，不低于 90"),
            ("at or below 0", "不高于 0"),
            ("deduction: 2 x 25", "扣分：2 × 25"),
            ("deduction: 3 x 10 (after 1 free), floor 20", "扣分：3 × 10（免扣 1），最低 20"),
            ("ratio: 100 x 84.6 / 85", "比率：100 × 84.6 / 85"),
            ("ratio: value 0 scores 100", "比率：实际值为 0，得 100"),
            ("level 4", "等级 4"),
            ("pass", "通过"),
            ("direct", "直接得分"),
            ("raters: supervisor 70/1, peer 170/2", "评价人：supervisor 70/1，peer 170/2"),
            (
                "raters: self weight 0, peer dropped (1 < 2), sup 300/3 trimmed",
                "评价人：self 权重 0，不计，peer 人数不足，不计（1 < 最少 2），sup 300/3（去掉最高与最低）",
            ),
        ];
        for (en, zh) in cases {
            assert_eq!(render(en, "zh"), zh, "{en}");
            assert_eq!(render(en, "en"), en);
        }
    }
}
