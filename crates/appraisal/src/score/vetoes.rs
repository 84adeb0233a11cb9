//! The veto rules (SPEC §5.6), one place for every path (the pipeline, the table path, the
//! roll-up): when a comparison fires, and how fired caps combine with the natural grade.

use crate::scheme::CmpOp;
use std::cmp::Ordering;

/// Whether a veto's comparison fires: the raw value compared with the veto's value by `op`.
pub(crate) fn fires(op: CmpOp, raw_vs_value: Ordering) -> bool {
    op.holds(raw_vs_value)
}

/// Whether an equality-only veto (a level key, a boolean) fires: `==` when equal, `!=`
/// when not.
pub(crate) fn fires_on_equality(op: CmpOp, equal: bool) -> bool {
    fires(op, if equal { Ordering::Equal } else { Ordering::Less })
}

/// The grade after caps (positions, best first = 0): the strictest cap wins, and a cap never
/// lifts a grade.
pub(crate) fn capped(natural: usize, caps: impl IntoIterator<Item = usize>) -> usize {
    caps.into_iter().max().map_or(natural, |c| c.max(natural))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strictest_cap_wins_and_never_lifts() {
        assert_eq!(capped(0, [2, 3]), 3);
        assert_eq!(capped(4, [2]), 4);
        assert_eq!(capped(1, []), 1);
        assert!(fires_on_equality(CmpOp::Eq, true));
        assert!(fires_on_equality(CmpOp::Ne, false));
        assert!(!fires_on_equality(CmpOp::Eq, false));
        assert!(fires(CmpOp::Lt, Ordering::Less));
    }
}
