#!/usr/bin/env bash
# Start-up of the compiled CLI as whole processes: `staffwell --version`, `staffwell reliability` on the 300-row
# demo survey, `staffwell describe` on a 60-row file, and the demo.
# Usage (from the repository root, after `npm run build`): bash bench/cli-startup.sh [OTHER_BIN]
# OTHER_BIN: another build's bin/staffwell.js to compare with (e.g. a copy of bin/, dist/ and package.json of an
# earlier commit placed inside this folder, such as bench/data/base/, so that node_modules resolves).
# Uses hyperfine when installed (apt-get install hyperfine); otherwise /usr/bin/time loops printing min / median
# wall time and median CPU (user + sys), the commands of each round interleaved. RUNS=30 by default; DEMO=0 skips
# the demo.
set -eu
bins=(bin/staffwell.js ${1:-})
runs=${RUNS:-30}
small=$(mktemp --suffix=.csv)
head -61 examples/demo-survey.csv > "$small"
uptime
version=() reliability=() describe=() demo=()
for b in "${bins[@]}"; do
  version+=("node $b --version")
  reliability+=("node $b reliability examples/demo-survey.csv --scales examples/hse-keys.json --na=-99")
  describe+=("node $b describe $small --scales examples/hse-keys.json --na=-99 --by site")
  demo+=("node $b demo --out /tmp/staffwell-bench-demo")
done
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" "${version[@]}" "${reliability[@]}" "${describe[@]}"
  [ "${DEMO:-1}" = 0 ] || hyperfine -N --runs 3 --prepare 'rm -rf /tmp/staffwell-bench-demo' "${demo[@]}"
else
  times=$(mktemp -d)
  cmds=("${version[@]}" "${reliability[@]}" "${describe[@]}")
  for c in "${cmds[@]}"; do $c >/dev/null 2>&1; done # warm the file cache
  for ((r = 0; r < runs; r++)); do
    for i in "${!cmds[@]}"; do /usr/bin/time -f '%e %U %S' -a -o "$times/$i" ${cmds[$i]} >/dev/null 2>&1; done
  done
  for i in "${!cmds[@]}"; do
    w=$(awk '{print $1}' "$times/$i" | sort -n)
    c=$(awk '{printf "%.2f\n", $2 + $3}' "$times/$i" | sort -n)
    m=$(((runs + 1) / 2))
    printf '%-110s min %s s, median %s s, CPU median %s s (%d runs)\n' "${cmds[$i]}" "$(sed -n 1p <<<"$w")" "$(sed -n ${m}p <<<"$w")" "$(sed -n ${m}p <<<"$c")" "$runs"
  done
  rm -rf "$times"
fi
uptime
rm -f "$small"
