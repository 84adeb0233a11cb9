#!/usr/bin/env bash
# The npm package from the tarball alone: pack it, install it into a scratch project (no
# network: the tarball has no dependencies), and check `require`, `import`, the browser
# condition's ESM build and the TypeScript types (tsc, nodenext) against the installed copy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-npm.sh >/dev/null
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
VERSION=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
SCRATCH=out/npm-scratch
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
printf '{"name": "scratch", "private": true}\n' > "$SCRATCH/package.json"
(cd "$SCRATCH" && npm install --no-audit --no-fund --loglevel=error --offline "../npm/appraisal-$VERSION.tgz")
cp tests/npm/check.* tests/npm/check-browser.mjs "$SCRATCH/"
VECTOR="$PWD/tests/vectors/builtin_csr.json"
WHATIF="$PWD/tests/vectors/whatif_next_grade.json"
(cd "$SCRATCH" && node check.cjs "$VECTOR" && node check.mjs "$VECTOR" && node --conditions=browser check-browser.mjs "$VECTOR" "$WHATIF")
(cd "$SCRATCH" && tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --types node \
  --typeRoots "$OLDPWD/.tools/node_modules/@types" check.cts check.mts)
size=$(stat -c %s "out/npm/appraisal-$VERSION.tgz")
echo "npm package: appraisal-$VERSION.tgz ($size bytes) installed and checked (require, import, browser, tsc)"
