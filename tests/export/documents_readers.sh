#!/usr/bin/env bash
# The HTML, PDF and XLSX reports read by programs that are not ours: openpyxl opens the workbook
# (sheets, header row, a Japanese cell, real dates, no formulas); poppler's pdftotext, pdffonts and
# pdfinfo read the PDF (the Japanese decision and gap texts, the CJK font embedded, A4, several
# pages, page numbers); headless Chromium renders the HTML to a PNG that is not blank.
set -u
writer=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$writer" "$tmp" || { echo "FAIL: the sample reports were not written"; exit 1; }
for f in sample.html sample.pdf sample.xlsx sample-en.xlsx expected.json; do
  [ -s "$tmp/$f" ] || fail "$f is missing or empty"
done

# Debian's python3-openpyxl serves the system Python; another python3 first on PATH may lack it.
py=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import openpyxl' 2>/dev/null; then py=$candidate; break; fi
done
[ -n "$py" ] || { echo "FAIL: no python3 with openpyxl (install python3-openpyxl)"; exit 1; }

# --- XLSX ---------------------------------------------------------------------------------------
"$py" - "$tmp" <<'PY' || fail "openpyxl found problems in the workbook"
import datetime, json, sys
import openpyxl

folder = sys.argv[1]
expected = json.load(open(f"{folder}/expected.json", encoding="utf-8"))
problems = []
def check(ok, what):
    if not ok:
        problems.append(what)

wb = openpyxl.load_workbook(f"{folder}/sample.xlsx")
check(wb.sheetnames == ["Summary", "Answers", "Gaps and plan", "Skill matrix", "Audit"], f"sheets: {wb.sheetnames}")
for ws in wb:
    check(ws.freeze_panes == "A2", f"{ws.title}: header row not frozen ({ws.freeze_panes})")
    check(bool(ws.auto_filter.ref) and ws.auto_filter.ref.startswith("A1:"), f"{ws.title}: no autofilter ({ws.auto_filter.ref})")
    for row in ws.iter_rows():
        for cell in row:
            check(cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")
            if isinstance(cell.value, str):
                check(cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r"), f"{ws.title}!{cell.coordinate} starts like a formula: {cell.value!r}")

plan = wb["Gaps and plan"]
header = [c.value for c in plan[1]]
check(header[:4] == ["評価", "優先順", "項目ID", "対策"], f"plan header: {header}")
column = {name: i for i, name in enumerate(header)}
rows = list(plan.iter_rows(min_row=2, values_only=True))
owners = [r[column["担当"]] for r in rows]
check(expected["owner_ja"] in owners, f"the Japanese owner is missing: {owners}")
check("'" + expected["formula_owner"] in owners, f"the formula-looking owner is not neutralised: {owners}")
check(rows and rows[0][column["対策"]] == expected["first_gap"], f"first gap: {rows[0] if rows else None}")
dates = [r[column["目標日"]] for r in rows if r[column["目標日"]] is not None]
check(datetime.datetime(2026, 9, 30) in dates, f"target dates are not dates: {dates}")
check(all(isinstance(d, datetime.datetime) for d in dates), f"a target date is not a date: {dates}")
# Japanese text makes its column wider than the default.
width = plan.column_dimensions[openpyxl.utils.get_column_letter(column["対策"] + 1)].width
check(width and width >= 30, f"the measure column is {width} wide")

summary = wb["Summary"]
values = [r[4] for r in summary.iter_rows(min_row=2, values_only=True)]
check(expected["decision_ja"] in values, f"decision missing from Summary: {values[:12]}")
check(expected["chain_head"] in values, "chain head missing from Summary")

answers = wb["Answers"]
times = [r[8] for r in answers.iter_rows(min_row=2, values_only=True)]
check(times and all(isinstance(t, datetime.datetime) for t in times), f"answered-at is not a date and time: {times[:3]}")

audit = wb["Audit"]
audit_rows = list(audit.iter_rows(min_row=2, values_only=True))
check(isinstance(audit_rows[0][1], datetime.datetime), f"audit time: {audit_rows[0]}")
check(any(r[1] == expected["chain_head"] for r in audit_rows), "chain head missing under the audit table")

matrix = wb["Skill matrix"]
check(matrix.max_row >= 2, "the skill matrix is empty")
skill = matrix.cell(row=1, column=6)
check(skill.comment is not None and len(skill.comment.text) > 10, f"the first skill column has no note naming it: {skill.value}")

en = openpyxl.load_workbook(f"{folder}/sample-en.xlsx")
check([c.value for c in en["Gaps and plan"][1]][:4] == ["Assessment", "Priority", "Item id", "Measure"], "English header")

for p in problems:
    print("  openpyxl:", p)
sys.exit(1 if problems else 0)
PY

# --- PDF ----------------------------------------------------------------------------------------
pdf=$tmp/sample.pdf
info=$(pdfinfo "$pdf" 2>&1) || fail "pdfinfo could not read the PDF: $info"
echo "$info" | grep -Eq '^Page size: +595(\.[0-9]+)? x 842(\.[0-9]+)? pts \(A4\)' || fail "not A4: $(echo "$info" | grep 'Page size')"
pages=$(echo "$info" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -gt 1 ] || fail "expected more than one page, found ${pages:-none}"

fonts=$(pdffonts "$pdf" 2>&1) || fail "pdffonts could not read the PDF: $fonts"
# The columns from the right: emb sub uni object generation.
echo "$fonts" | awk 'NR > 2 && /NotoSansCJK/ && $(NF-4) == "yes" {found = 1} END {exit !found}' \
  || fail "no embedded Noto Sans CJK font: $fonts"
echo "$fonts" | awk 'NR > 2 && $(NF-4) != "yes" {bad = 1} END {exit bad}' || fail "a font is not embedded: $fonts"

pdftotext -enc UTF-8 "$pdf" "$tmp/sample.txt" || fail "pdftotext could not read the PDF"
"$py" - "$tmp" "$pages" <<'PY' || fail "pdftotext did not find the report's texts"
import json, re, sys
folder, pages = sys.argv[1], int(sys.argv[2])
expected = json.load(open(f"{folder}/expected.json", encoding="utf-8"))
raw = open(f"{folder}/sample.txt", encoding="utf-8").read()
text = re.sub(r"\s+", "", raw)  # wrapped lines join without spaces in Japanese
problems = []
for key in ("decision_heading", "decision_ja", "first_gap", "owner_ja", "signature"):
    if re.sub(r"\s+", "", expected[key]) not in text:
        problems.append(f"{key} not found: {expected[key]}")
for n in (1, pages):
    # pdftotext may or may not keep the spaces around the slash.
    if not re.search(rf"(?<!\d){n}\s*/\s*{pages}(?!\d)", raw):
        problems.append(f"page number {n} / {pages} not found")
for p in problems:
    print("  pdftotext:", p)
sys.exit(1 if problems else 0)
PY

# --- HTML ---------------------------------------------------------------------------------------
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  fail "chromium is not installed"
else
  png=$tmp/sample-html.png
  # As root (CI) Chromium needs --no-sandbox; a private profile keeps it off the user's.
  HOME=$tmp timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
    --screenshot="$png" --window-size=1240,1754 "file://$tmp/sample.html" >"$tmp/chromium.log" 2>&1
  if [ ! -s "$png" ]; then
    fail "Chromium wrote no screenshot: $(tail -5 "$tmp/chromium.log")"
  else
    colours=$(identify -format '%k' "$png" 2>/dev/null || echo 0)
    [ "${colours:-0}" -gt 50 ] || fail "the HTML screenshot looks blank ($colours colours)"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "documents read by openpyxl, poppler and Chromium"
