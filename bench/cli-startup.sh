#!/usr/bin/env bash
# Start-up of the compiled CLI: `staffwell --version`, `staffwell describe` on a 60-row file, and the demo.
# Usage (from the repository root, after `npm run build`): bash bench/cli-startup.sh [OTHER_BIN]
# OTHER_BIN: another build's bin/staffwell.js to compare with (e.g. a copy of bin/, dist/ and package.json of an
# earlier commit placed inside this folder, so that node_modules resolves). Needs hyperfine (apt-get install hyperfine).
set -eu
bins=(bin/staffwell.js ${1:-})
small=$(mktemp --suffix=.csv)
head -61 examples/demo-survey.csv > "$small"
uptime
version=() describe=() demo=()
for b in "${bins[@]}"; do
  version+=("node $b --version")
  describe+=("node $b describe $small --scales examples/hse-keys.json --na=-99 --by site")
  demo+=("node $b demo --out /tmp/staffwell-bench-demo")
done
hyperfine -N --warmup 3 --runs 30 "${version[@]}" "${describe[@]}"
hyperfine -N --runs 3 --prepare 'rm -rf /tmp/staffwell-bench-demo' "${demo[@]}"
uptime
rm -f "$small"
