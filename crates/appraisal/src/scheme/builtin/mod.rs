//! Built-in schemes for the handbook's three roles, shipped as JSON in the crate.

use crate::error::Error;
use crate::scheme::Scheme;

const CSR: &str = include_str!("csr.json");
const TECH_SUPPORT: &str = include_str!("tech_support.json");
const ACCOUNT_MANAGER: &str = include_str!("account_manager.json");
const RULES: &str = include_str!("rules.json");
const QA_FORM: &str = include_str!("qa_form.json");
const DISCIPLINE_POOL: &str = include_str!("discipline_pool.json");
const MANAGER_REVIEW: &str = include_str!("manager_review.json");

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

/// Names of the built-in format-2 examples (SPEC §8), each read like the form it comes from:
/// `qa_form` (a contact-centre QA evaluation form: relative weights, a critical item, channel
/// questions), `discipline_pool` (a 扣分制 attendance and discipline pool), `manager_review`
/// (a manager's review with a 1–5 rating beside the total).
pub fn example_names() -> &'static [&'static str] {
    &["qa_form", "discipline_pool", "manager_review"]
}

/// The JSON text of a built-in scheme (a handbook role or a format-2 example).
pub fn builtin_scheme_json(role: &str) -> Option<&'static str> {
    match role {
        "csr" => Some(CSR),
        "tech_support" => Some(TECH_SUPPORT),
        "account_manager" => Some(ACCOUNT_MANAGER),
        "qa_form" => Some(QA_FORM),
        "discipline_pool" => Some(DISCIPLINE_POOL),
        "manager_review" => Some(MANAGER_REVIEW),
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
        for name in example_names() {
            let s = builtin_scheme(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(s.def().format, crate::scheme::Format::V2, "{name}");
        }
        let rules = builtin_rules().unwrap_or_else(|e| panic!("rules: {e}"));
        assert_eq!(rules.grades(), ["S", "A", "B", "C", "D"]);
    }
}
