#!/usr/bin/env bash
# WebAssembly binding: build (Node + web), the golden corpus and API tests under `node --test`,
# the npm tarball installed into a scratch project and used from there,
# the TypeScript declarations under `tsc --noEmit`, and the calculator page in headless
# Chromium (Debian's chromium, installed here if missing, driven by playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-wasm.sh
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

node --test bindings/wasm/tests/
tsc -p bindings/wasm/tests/tsconfig.json
# the npm package from its tarball alone (require, import, browser condition, tsc)
bash scripts/test-npm.sh

if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # a CJK font so the Chinese page renders in screenshots
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
node bindings/wasm/tests/browser.mjs
# the appraisal form, printed to PDF by the same Chromium; then the population report (zh, en)
node tests/browser/form.mjs
node tests/browser/report.mjs
