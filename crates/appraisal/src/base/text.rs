//! Bilingual text: a plain string or a language-tag → text map (`zh`, `en`, …).

use serde_json::Value;
use std::collections::BTreeMap;

/// A name or description: one string, or one text per language tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    /// The same text in every language.
    Plain(String),
    /// Language tag → text (kept sorted by tag, which makes the canonical form unique).
    Lang(BTreeMap<String, String>),
}

impl Text {
    /// Text in `lang`, else English, else Chinese, else the first one there is.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Self::Plain(s) => s,
            Self::Lang(m) => m
                .get(lang)
                .or_else(|| m.get("en"))
                .or_else(|| m.get("zh"))
                .or_else(|| m.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// Bilingual text from `zh` and `en`.
    pub fn zh_en(zh: &str, en: &str) -> Self {
        let mut m = BTreeMap::new();
        m.insert("zh".to_string(), zh.to_string());
        m.insert("en".to_string(), en.to_string());
        Self::Lang(m)
    }

    /// The JSON shape.
    pub fn to_value(&self) -> Value {
        match self {
            Self::Plain(s) => Value::String(s.clone()),
            Self::Lang(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::Plain(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self::Plain(s)
    }
}

/// Columns a string takes in a terminal: CJK and full-width characters take two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Pads `s` with spaces to `width` columns (on the left when `right` aligns it right).
pub fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The language of texts a reader sees (names, steps, words): English (the default) or
/// Chinese. Front doors parse the caller's choice here, so an unknown language is an error in
/// every one of them, never a silent English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (简体中文).
    Zh,
}

impl Lang {
    /// `en` or `zh`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
        }
    }

    /// The caller's choice, or the default when none was given.
    pub fn parse_opt(s: Option<&str>) -> Result<Self, crate::error::Issue> {
        s.map_or(Ok(Self::default()), str::parse)
    }
}

impl std::str::FromStr for Lang {
    type Err = crate::error::Issue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "en" => Ok(Self::En),
            "zh" | "zh-CN" | "zh-Hans" => Ok(Self::Zh),
            other => Err(crate::error::Issue::new(
                crate::error::ErrorCode::InvalidValue,
                "lang",
                format!("unknown language {other:?}; one of en, zh"),
            )),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
