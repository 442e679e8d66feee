#!/usr/bin/env bash
# Check ptarget's spreadsheet outputs with other programs' readers (needs LibreOffice's soffice and
# python3; not part of npm test, which reads the workbook back with SheetJS instead):
#  - `ptarget parse FIXTURE.pdf -o out.xlsx` opens in LibreOffice, converted back to one CSV per sheet:
#    row counts match the JSON, money is a plain number, Chinese is intact; two runs give the same bytes.
#  - the seed's forms CSV reads back with Python's csv module (and pandas, where installed) to exactly
#    6 records whose goals keep their line breaks; no cell starts with "=" unless --csv-raw.
#
#   npm run build && bash scripts/check-spreadsheet-output.sh [FIXTURE.pdf]
set -euo pipefail
cd "$(dirname "$0")/.."
PDF=${1:-fixtures/shared/shanghai-2023.pdf}
SEED=fixtures/shared/shanghai-fwzk-2023-summary.txt
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ptarget() { node bin/ptarget.js "$@"; }

ptarget parse "$PDF" -o "$TMP/out.json" -q
ptarget parse "$PDF" -o "$TMP/a.xlsx" -q
sleep 2 # past the zip format's two-second time resolution
ptarget parse "$PDF" -o "$TMP/b.xlsx" -q
cmp "$TMP/a.xlsx" "$TMP/b.xlsx" && echo "xlsx: byte-identical across runs ($(wc -c <"$TMP/a.xlsx") bytes)"

# CSV filter options: comma, double quote, UTF-8, from line 1; raw values (not as shown); every sheet
soffice --headless "-env:UserInstallation=file://$TMP/profile" \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$TMP/lo" "$TMP/a.xlsx" >/dev/null 2>&1
ptarget parse "$SEED" --table forms -o "$TMP/forms.csv" -q
ptarget parse "$SEED" -o "$TMP/indicators.csv" -q
ptarget parse "$SEED" -o "$TMP/raw.csv" --csv-raw -q

python3 - "$TMP" <<'EOF'
import csv, json, sys
tmp = sys.argv[1]
read = lambda p: list(csv.DictReader(open(p, newline='', encoding='utf-8-sig')))
doc = json.load(open(f'{tmp}/out.json', encoding='utf-8'))
ind, forms, warns = (read(f'{tmp}/lo/a-{s}.csv') for s in ('Indicators', 'Forms', 'Warnings'))
n_ind = sum(len(f['indicators']) for f in doc['forms'])
n_warn = len(doc['warnings']) + sum(len(f['warnings']) for f in doc['forms'])
assert (len(ind), len(forms), len(warns)) == (n_ind, len(doc['forms']), n_warn), (len(ind), len(forms), len(warns))
money = [f['annual_total'] for f in forms]
assert money == [str(f['funds']['annual']['total']) for f in doc['forms']], money
assert [r['project'] for r in forms] == [f['project']['name'] for f in doc['forms']]
print(f'xlsx via LibreOffice: {len(ind)} indicator rows, {len(forms)} forms, {len(warns)} warnings; '
      f'money as numbers ({money[0]}), Chinese intact ({forms[0]["project"]})')

seed = read(f'{tmp}/forms.csv')
breaks = sum('\n' in r['goal_annual'] or '\n' in r['goal_project'] for r in seed)
assert len(seed) == 6 and breaks > 0, (len(seed), breaks)
cells = lambda rows: [v for r in rows for v in r.values()]
safe, raw = read(f'{tmp}/indicators.csv'), read(f'{tmp}/raw.csv')
assert not [c for c in cells(seed) + cells(safe) if c.startswith('=')]
print(f"seed forms CSV via Python csv: {len(seed)} records, {breaks} with line breaks in a goal; "
      f"cells starting with '=': {sum(c.startswith('=') for c in cells(safe))} (default), "
      f"{sum(c.startswith('=') for c in cells(raw))} (--csv-raw)")
try:
    import pandas as pd
except ImportError:
    print('pandas: not installed here, not checked')
else:
    df = pd.read_csv(f'{tmp}/forms.csv', encoding='utf-8-sig')
    assert len(df) == 6 and df['goal_annual'].str.contains('\n').any()
    print(f'seed forms CSV via pandas: {len(df)} records')
EOF
