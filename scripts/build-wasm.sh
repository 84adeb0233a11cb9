#!/usr/bin/env bash
# Builds the WebAssembly binding for Node.js (out/wasm/node) and the browser (out/wasm/web,
# copied to examples/web/pkg), optimised with npm's binaryen wasm-opt. Installs what it needs:
# the wasm32 target, wasm-bindgen-cli at the exact version in Cargo.lock, npm tools in .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WB_VERSION}$"; then
  # no --locked: a dependency of the CLI is newer than the registry copy (TOOLCHAIN.md)
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

mkdir -p .tools
if [ ! -f .tools/package.json ]; then
  printf '{"name": "appraisal-tools", "private": true}\n' > .tools/package.json
fi
if [ ! -x .tools/node_modules/.bin/wasm-opt ] || [ ! -x .tools/node_modules/.bin/tsc ] || [ ! -d .tools/node_modules/playwright-core ]; then
  # never Debian's binaryen: its wasm-opt breaks wasm-bindgen output (TOOLCHAIN.md)
  npm install --prefix .tools --no-audit --no-fund --loglevel=error binaryen@132 typescript@5 playwright-core@1.65 @types/node@20
fi
export PATH="$PWD/.tools/node_modules/.bin:$PATH"

WASM=target/wasm32-unknown-unknown/wasm/appraisal_wasm.wasm
rm -rf out/wasm/node out/wasm/web
# the browser build: scoring only, small
cargo build --target wasm32-unknown-unknown --profile wasm -p appraisal-wasm
wasm-bindgen --target web --out-dir out/wasm/web "$WASM"
wasm-opt -Oz out/wasm/web/appraisal_wasm_bg.wasm -o out/wasm/web/opt.wasm
mv out/wasm/web/opt.wasm out/wasm/web/appraisal_wasm_bg.wasm
# the Node build: with SPEC §7 (roll-ups, distribution, pool split, rules, what-if), for speed
cargo build --target wasm32-unknown-unknown --profile wasm-node -p appraisal-wasm --features results
wasm-bindgen --target nodejs --out-dir out/wasm/node target/wasm32-unknown-unknown/wasm-node/appraisal_wasm.wasm
wasm-opt -O3 out/wasm/node/appraisal_wasm_bg.wasm -o out/wasm/node/opt.wasm
mv out/wasm/node/opt.wasm out/wasm/node/appraisal_wasm_bg.wasm
rm -rf examples/web/pkg
cp -r out/wasm/web examples/web/pkg

raw=$(stat -c %s out/wasm/web/appraisal_wasm_bg.wasm)
gz=$(gzip -9 -c out/wasm/web/appraisal_wasm_bg.wasm | wc -c)
echo "appraisal_wasm_bg.wasm: $raw bytes raw, $gz bytes gzipped (-9)" | tee out/wasm/size.txt
