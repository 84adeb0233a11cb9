//! Built-in schemes for the handbook's three roles, shipped as JSON in the crate.

use crate::error::Error;
use crate::scheme::Scheme;

const CSR: &str = include_str!("csr.json");
const TECH_SUPPORT: &str = include_str!("tech_support.json");
const ACCOUNT_MANAGER: &str = include_str!("account_manager.json");
const RULES: &str = include_str!("rules.json");

/// The built-in result-application rules that follow the handbook (chapter 5), bilingual.
pub fn builtin_rules() -> Result<crate::apply::RuleSet, Error> {
    Ok(crate::apply::RuleSet::from_json(RULES)?)
}

/// The JSON text of the built-in rules.
pub fn builtin_rules_json() -> &'static str {
    RULES
}

/// Names of the built-in schemes: `csr` (customer service representative), `tech_support`,
/// `account_manager` (customer relationship manager).
pub fn builtin_names() -> &'static [&'static str] {
    &["csr", "tech_support", "account_manager"]
}

/// The JSON text of a built-in scheme.
pub fn builtin_scheme_json(role: &str) -> Option<&'static str> {
    match role {
        "csr" => Some(CSR),
        "tech_support" => Some(TECH_SUPPORT),
        "account_manager" => Some(ACCOUNT_MANAGER),
        _ => None,
    }
}

/// Loads a built-in scheme by role.
pub fn builtin_scheme(role: &str) -> Result<Scheme, Error> {
    let text = builtin_scheme_json(role).ok_or_else(|| Error::UnknownBuiltin(role.to_string()))?;
    Ok(Scheme::from_json(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_valid() {
        for name in builtin_names() {
            let s = builtin_scheme(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.categories().len(), 4, "{name}");
            assert_eq!(s.grades().iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["S", "A", "B", "C", "D"]);
        }
        assert!(builtin_scheme("nope").is_err());
        let rules = builtin_rules().unwrap_or_else(|e| panic!("rules: {e}"));
        assert_eq!(rules.grades(), ["S", "A", "B", "C", "D"]);
    }
}
