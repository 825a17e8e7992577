#!/usr/bin/env bash
# The package as a user gets it: `npm pack` (its prepare script builds dist/), the tarball checked for
# what it must hold and must not, installed globally into a temporary prefix without dev dependencies,
# then run from a folder outside the clone: kefu --help, kefu init, the kefu check and kefu run lines
# that init prints on a tiny month, a second init refused; and the README's library example through the
# installed package. Prints the tarball's size and the time taken; exits non-zero at the first failure.
# Run by .ci/run; by hand: scripts/pack-check.sh (about half a minute with a warm npm cache).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kefu-pack-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() {
  echo "pack check: $*" >&2
  exit 1
}

# --- the tarball ------------------------------------------------------------------------------------
tarball="$tmp/$(npm pack --silent --pack-destination "$tmp" | tail -n 1)"
test -s "$tarball" || fail "npm pack made no tarball"
size=$(wc -c <"$tarball")
tar -tzf "$tarball" >"$tmp/contents"
for file in bin/kefu.js dist/cli/main.js dist/index.js dist/index.d.ts templates/scheme.yaml templates/roster.csv templates/kefu.yaml README.md package.json; do
  grep -qx "package/$file" "$tmp/contents" || fail "the tarball lacks $file"
done
if grep -E '^package/(src|test|fixtures|scripts|node_modules|bench-data|out|\.ci)/' "$tmp/contents" >"$tmp/extra"; then
  fail "the tarball holds what no user needs: $(head -n 3 "$tmp/extra" | tr '\n' ' ')"
fi

# --- installed globally, without dev dependencies ---------------------------------------------------------
prefix="$tmp/prefix"
npm install --global --prefix "$prefix" "$tarball" --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null
kefu="$prefix/bin/kefu"
test -x "$kefu" || fail "no kefu command in $prefix/bin"
for dev in playwright-core vitest typescript @types; do
  if [ -n "$(find "$prefix/lib/node_modules" -type d -name "$dev" -print -quit)" ]; then fail "the install pulled the dev dependency $dev"; fi
done

# Run from a folder outside the clone, so nothing can come from the clone's node_modules.
team="$tmp/team"
mkdir "$team"
cd "$team"
"$kefu" --help >"$tmp/help"
grep -q '^  init ' "$tmp/help" || fail "kefu --help lists no init"
[ "$("$kefu" --version)" = 0.1.0 ] || fail "kefu --version is not 0.1.0"

"$kefu" init >"$tmp/init.out"
for file in scheme.yaml roster.csv kefu.yaml; do test -s "$file" || fail "kefu init wrote no $file"; done
# A month for the roster template's two example rows, where kefu.yaml and the printed commands look.
mkdir -p 数据/2026-10
cat >数据/2026-10/客服绩效.csv <<'CSV'
旺旺昵称,询单人数,询单最终付款人数,询单最终付款转化率,首次响应时长（秒),客户满意率,询单最终付款金额,成功退款金额
示例旗舰店:晓燕,400,120,30.00%,12.5,97.00%,"¥620,000.00","¥8,000.00"
示例专卖店:晓燕,100,20,20.00%,18,96.00%,"¥90,000.00",0
示例旗舰店:娜娜,300,0,0%,16,98.50%,0,0
CSV
cat >数据/2026-10/考核.csv <<'CSV'
工号,姓名,销售目标,套餐目标,套餐销售额,质检分,黄牌,红牌,直播时长
K001,王晓燕,650000,100000,92000,,0,0,12
K002,李娜,,,,95,1,0,
CSV
printf '工号,项目,金额,原因\nK002,全勤奖,100,10月全勤\n' >数据/2026-10/调整.csv
# The two commands init printed, as a user would paste them (the installed kefu for `kefu`).
check=$(sed -n 's/^ *kefu check /check /p' "$tmp/init.out")
run=$(sed -n 's/^ *kefu run /run /p' "$tmp/init.out")
[ -n "$check" ] && [ -n "$run" ] || fail "kefu init printed no kefu check and kefu run lines"
eval "\"\$kefu\" $check" 2>"$tmp/check.err" || fail "the printed kefu check failed: $(cat "$tmp/check.err")"
eval "\"\$kefu\" $run" >/dev/null 2>"$tmp/run.err" || fail "the printed kefu run failed: $(cat "$tmp/run.err")"
for file in report.csv report.json report.xlsx report.html payroll.csv payroll.json payroll.xlsx manifest.json; do
  test -s "输出/2026-10/$file" || fail "kefu run wrote no 输出/2026-10/$file"
done
"$kefu" verify 输出/2026-10 >"$tmp/verify.out" 2>&1 || fail "kefu verify of the month failed: $(cat "$tmp/verify.out")"
# The starter scheme's figures (test/init.test.ts works them out), with the 100 of 全勤奖.
tr -d '\r' <输出/2026-10/payroll.csv >"$tmp/payroll.csv"
grep -qx 'K001,王晓燕,售前,4800.00,1927.20,800.00,,360.00,0.00,,7887.20' "$tmp/payroll.csv" || fail "K001's pay is not 7887.20: $(grep K001 "$tmp/payroll.csv")"
grep -qx 'K002,李娜,售后,3200.00,,,300.00,,-50.00,100.00,3550.00' "$tmp/payroll.csv" || fail "K002's pay is not 3550.00: $(grep K002 "$tmp/payroll.csv")"
if "$kefu" init 2>"$tmp/again.err" >/dev/null; then fail "a second kefu init did not refuse"; fi
grep -q INIT_FILE_EXISTS "$tmp/again.err" || fail "a second kefu init said: $(cat "$tmp/again.err")"

# --- the library, through the installed package ------------------------------------------------------------
app="$tmp/app"
mkdir -p "$app/node_modules"
ln -s "$prefix/lib/node_modules/kefu" "$app/node_modules/kefu"
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const block = /```js\n([\s\S]*?)```/.exec(text.slice(text.indexOf("## As a library")));
  if (!block) throw new Error("README.md has no ```js block under ## As a library");
  require("fs").writeFileSync(process.argv[2], block[1]);
' "$root/README.md" "$app/month.mjs"
(cd "$root" && node "$app/month.mjs") >"$tmp/month.out" || fail "the README's library example failed"
[ "$(head -n 1 "$tmp/month.out")" = "K001 王晓燕 8699.41" ] || fail "the README's example printed: $(head -n 1 "$tmp/month.out")"
[ "$(wc -l <"$tmp/month.out")" -eq 30 ] || fail "the README's example printed $(wc -l <"$tmp/month.out") agents, not 30"

echo "pack check: ok in $(($(date +%s) - started)) s; $(basename "$tarball") is $size bytes, $(wc -l <"$tmp/contents") files"
