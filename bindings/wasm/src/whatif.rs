//! What-if from JS, in every build (the browser's calculator answers "what do I need for the
//! next grade?"): the core's answers, converted.

use super::{fail, opt_text_arg, out, JsScheme};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_WHATIF: &'static str = r#"
export interface WhatIfAnswer { indicator: string; current: string | null; outcome: "reachable" | "unattainable" | "reached" | "vetoed" | "not_applicable";
  value: string | null; total: string | null; grade: string | null; note: string | null; }
export interface WhatIf { employee: string; period: string; total: string | null; grade: string | null; target: string | null; answers: WhatIfAnswer[]; }
"#;

#[wasm_bindgen(js_class = Scheme)]
impl JsScheme {
    /// For one record, the smallest change of each indicator that reaches `target` (default:
    /// the next better grade), every answer scored forward.
    #[wasm_bindgen(unchecked_return_type = "WhatIf")]
    pub fn whatif(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AppraisalRecord | string")] record: JsValue,
        target: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let target = opt_text_arg(target.as_ref(), "target")?;
        let v = crate::from_js_record(&record)?;
        self.inner.whatif(&v, target.as_deref()).map(|w| out(&w)).map_err(|e| fail(e.to_string(), e.issues))
    }
}
