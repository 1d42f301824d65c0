#!/usr/bin/env bash
# The CLI as a user meets it: exit codes, file:line messages, --json everywhere.
set -u
BIN=$1
SRC=$2
cd "$SRC"
fails=0
passes=0
check() {  # description, command exit expected, grep pattern on output
  local what=$1 want=$2 pattern=$3; shift 3
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [[ $rc -ne $want ]]; then echo "FAIL $what: exit $rc, want $want"; echo "$out" | head -20; fails=$((fails+1)); return; fi
  if ! grep -qE -- "$pattern" <<<"$out"; then echo "FAIL $what: no /$pattern/ in:"; echo "$out" | head -20; fails=$((fails+1)); return; fi
  echo "ok   $what"; passes=$((passes+1))
}

check "validate seeds" 0 "ok: 8 file\(s\), 2 office\(s\), 6 SOP\(s\)" "$BIN" sop validate sop/
check "validate bad file" 1 "^tests/catalog/bad/unknown-role.yaml:21: unknown role 'kasir'" \
  "$BIN" sop validate tests/catalog/bad/unknown-role.yaml
check "validate missing path" 1 "^no/such/dir:0: no such file" "$BIN" sop validate no/such/dir
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.yaml"; head -c 4096 "$BIN" > "$tmp/binary.yaml"
check "validate empty file" 1 "empty.yaml:1: empty file" "$BIN" sop validate "$tmp/empty.yaml"
check "validate binary file" 1 "binary.yaml:[0-9]+: " "$BIN" sop validate "$tmp/binary.yaml"
check "validate --json" 1 '"ok": false' "$BIN" sop validate --json tests/catalog/bad/bad-duration.yaml
check "production build has no test clock" 109 "not expected" "$BIN" --test-clock 2026-12-07T09:00:00+07:00 sop list
check "backup of PostgreSQL points to pg_dump" 1 "pg_dump or pg_basebackup" \
  "$BIN" backup --db postgresql://u@127.0.0.1/x -o "$tmp/b" --without-keys
check "backup asks how to keep the keys" 1 "sealed under a passphrase" "$BIN" backup --db "sqlite:$tmp/none.db" -o "$tmp/b"
check "restore of no backup" 1 "no manifest.json" "$BIN" restore "$tmp" --db "sqlite:$tmp/r.db"
check "list" 0 "pwk-iptk +2 +purwakarta" "$BIN" sop list
check "list --json" 0 '"code": "kpr-radiografer"' "$BIN" sop list --json
check "show" 0 "Kepala DPMPTSP" "$BIN" sop show pwk-iptk
check "show by SOP number" 0 "Izin Praktik Okupasi Terapis" "$BIN" sop show 04.15.3.1.21
check "show --json" 0 '"time": "7 hari kerja"' "$BIN" sop show --json pwk-optikal
check "show unknown" 2 "no SOP with code 'nope'" "$BIN" sop show nope
# The official sheet of every SOP, as PDF and SVG; the PDF rasterised by poppler (as the visual
# comparison with the seed sheets does) and read back as text.
for code in pwk-iptk pwk-optikal kpr-dokter kpr-apoteker kpr-okupasi-terapis kpr-radiografer; do
  check "render $code pdf" 0 "^$" "$BIN" sop render "$code" --format pdf -o "$tmp/$code.pdf"
  check "render $code svg" 0 "^$" "$BIN" sop render "$code" --format svg --paper f4 -o "$tmp/$code.svg"
  check "sheet $code rasterises" 0 "^$" pdftoppm -r 40 -png "$tmp/$code.pdf" "$tmp/$code"
  check "sheet $code has a procedure page" 0 "png" ls "$tmp/$code-2.png"
  check "sheet $code reads back" 0 "PENCATATAN DAN PENDATAAN" pdftotext -layout "$tmp/$code.pdf" -
  check "sheet $code svg" 0 "<svg" head -c 400 "$tmp/$code.svg"
done
check "sheet lists the procedure" 0 "Melaksanakan rapat kajian teknis" pdftotext "$tmp/pwk-iptk.pdf" -
check "sheet's identity block" 0 "065/KEP.58-DPMPTSP/X/2020" pdftotext "$tmp/pwk-iptk.pdf" -
# BPMN out and back in: the imported definition replaces the original and the catalogue is still valid.
check "export-bpmn" 0 "^$" "$BIN" sop export-bpmn kpr-dokter -o "$tmp/kpr-dokter.bpmn"
check "import-bpmn" 0 "^$" "$BIN" sop import-bpmn "$tmp/kpr-dokter.bpmn" --office kampar -o "$tmp/imported.yaml"
cp -r sop "$tmp/sop-imported" && cp "$tmp/imported.yaml" "$tmp/sop-imported/kampar/izin-praktik-dokter.yaml"
check "imported definition validates" 0 "ok: 8 file\(s\), 2 office\(s\), 6 SOP\(s\)" "$BIN" sop validate "$tmp/sop-imported"
check "import-bpmn unknown office" 2 "no office with code 'bandung'" "$BIN" sop import-bpmn "$tmp/kpr-dokter.bpmn" --office bandung
check "import-bpmn missing file" 1 "no/such.bpmn:0: cannot read the file" "$BIN" sop import-bpmn no/such.bpmn --office kampar
sed 's/<bpmn:startEvent /<bpmn:inclusiveGateway id="Gateway_99"\/><bpmn:startEvent /' "$tmp/kpr-dokter.bpmn" > "$tmp/inclusive.bpmn"
check "import-bpmn unsupported element" 1 "inclusive.bpmn: inclusiveGateway Gateway_99 is not supported" "$BIN" sop import-bpmn "$tmp/inclusive.bpmn" --office kampar
check "render unknown SOP" 2 "no SOP with code 'nope'" "$BIN" sop render nope --format pdf
check "render bad format" 105 "format" "$BIN" sop render pwk-iptk --format png
check "render unwritable output" 1 "cannot write the file" "$BIN" sop render pwk-iptk --format svg -o /nonexistent/dir/x.svg
check "simulate across Idul Fitri" 0 "Selesai paling lambat: Jumat, 2026-04-10 10:30 WIB" \
  "$BIN" sop simulate pwk-iptk --start 2026-03-13T09:00+07:00
check "simulate --json" 0 '"deadline": "2026-04-01T10:30:00\+07:00"' \
  "$BIN" sop simulate --json pwk-iptk --start 2026-03-13T09:00+07:00
check "simulate --all" 0 "kpr-radiografer" "$BIN" sop simulate --all --start 2026-11-23T08:00+07:00
check "simulate bad start" 2 "instant must look like" "$BIN" sop simulate pwk-iptk --start tomorrow
check "workdays" 0 "kampar: 17 hari kerja" "$BIN" calendar workdays --office kampar 2026-03-01 2026-03-31
check "workdays --json" 0 '"working_days": 240' "$BIN" calendar workdays --json --office purwakarta 2026-01-01 2026-12-31
check "workdays provisional year" 0 "tahun 2027 belum" "$BIN" calendar workdays --office kampar 2027-01-01 2027-01-31
check "workdays bad date" 2 "no such date" "$BIN" calendar workdays --office kampar 2026-02-30 2026-03-01
check "workdays unknown office" 2 "no office with code 'bandung'" "$BIN" calendar workdays --office bandung 2026-01-01 2026-01-02
check "no subcommand" 106 "subcommand" "$BIN"
check "pki init" 0 "wrote $tmp/pki/ca.crt" "$BIN" pki init --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki"
# Keys belong to people: the demo's signing officers get theirs, in their own names.
check "demo writes the signers' keys" 0 "wrote $tmp/pki/purwakarta/user-" \
  "$BIN" demo --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki"
check "pki init again" 0 "every signing officer has a key" "$BIN" pki init --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki"
check "pki import missing file" 1 "no/such.p12: cannot read the file" \
  "$BIN" pki import --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki" --office kampar --user kepala_dinas@kampar.demo --p12 no/such.p12
printf 'not pkcs12' > "$tmp/bad.p12"
check "pki import bad file" 1 "bad.p12: not a PKCS#12 file" env SATUPINTU_P12_PASSWORD=x \
  "$BIN" pki import --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki" --office kampar --user kepala_dinas@kampar.demo --p12 "$tmp/bad.p12"
check "pki import unknown officer" 1 "no officer nobody@kampar.demo in office kampar" env SATUPINTU_P12_PASSWORD=x \
  "$BIN" pki import --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki" --office kampar --user nobody@kampar.demo --p12 "$tmp/bad.p12"
check "officer roles unknown officer" 1 "no officer nobody@kampar.demo in office kampar" \
  "$BIN" officer roles --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki" --office kampar --email nobody@kampar.demo --roles loket
check "survey ikm of a period without answers" 0 "Responden: 0" \
  "$BIN" survey ikm --db "sqlite:$tmp/pki.db" --office kampar --from 2026-01-01 --to 2026-12-31
check "survey ikm of an unknown office" 1 "no office with code 'nowhere'" \
  "$BIN" survey ikm --db "sqlite:$tmp/pki.db" --office nowhere --from 2026-01-01 --to 2026-12-31
check "survey ikm with a bad date" 1 "from: a date as YYYY-MM-DD" \
  "$BIN" survey ikm --db "sqlite:$tmp/pki.db" --office kampar --from 2026-13-01 --to 2026-12-31
check "survey ikm over more than a year" 1 "at most 366 days" \
  "$BIN" survey ikm --db "sqlite:$tmp/pki.db" --office kampar --from 2024-01-01 --to 2026-12-31
check "survey export as XLSX" 0 "$tmp/ikm.xlsx: 0 responden" \
  "$BIN" survey export --db "sqlite:$tmp/pki.db" --office kampar --from 2026-01-01 --to 2026-12-31 -o "$tmp/ikm.xlsx"
check "survey export of an unknown format" 1 "format: one of xlsx, csv, pdf" \
  "$BIN" survey export --db "sqlite:$tmp/pki.db" --office kampar --from 2026-01-01 --to 2026-12-31 --format odt -o "$tmp/ikm.odt"
# Demo history: three files per SOP and month, Kampar's four SOPs, the two months before this one
# (months in the office's zone).
check "demo with two months of history" 0 "Demo logins" \
  "$BIN" demo --db "sqlite:$tmp/history.db" --history-months 2
hist_from=$(TZ=Asia/Jakarta date -d "$(TZ=Asia/Jakarta date +%Y-%m-01) -2 month" +%Y-%m-%d)
hist_to=$(TZ=Asia/Jakarta date -d "$(TZ=Asia/Jakarta date +%Y-%m-01) -1 day" +%Y-%m-%d)
check "the history is in the register" 0 "$tmp/history.csv: 24 permohonan" \
  "$BIN" register export --db "sqlite:$tmp/history.db" --office kampar --from "$hist_from" --to "$hist_to" --format csv -o "$tmp/history.csv"
last_month=$(TZ=Asia/Jakarta date -d "$(TZ=Asia/Jakarta date +%Y-%m-01) -1 month" +%Y-%m-%d)
check "monthly report of last month" 0 "$tmp/monthly.csv: 4 jenis izin" \
  "$BIN" report monthly --db "sqlite:$tmp/history.db" --office kampar --from "$last_month" --to "$hist_to" --format csv -o "$tmp/monthly.csv"
check "the monthly report received last month's twelve files" 0 "^Jumlah,12," cat "$tmp/monthly.csv"
check "monthly report as PDF" 0 "$tmp/monthly.pdf: 4 jenis izin" \
  "$BIN" report monthly --db "sqlite:$tmp/history.db" --office kampar -o "$tmp/monthly.pdf"
check "monthly report of too long a period" 1 "to: a report covers at most 366 days" \
  "$BIN" report monthly --db "sqlite:$tmp/history.db" --office kampar --from 2024-01-01 --to 2026-12-31 -o "$tmp/m.pdf"
check "demo history of too many months" 105 "history-months" \
  "$BIN" demo --db "sqlite:$tmp/history2.db" --history-months 25
check "register export as CSV" 0 "$tmp/reg.csv: [0-9]+ permohonan" \
  "$BIN" register export --db "sqlite:$tmp/pki.db" --office purwakarta --from 2020-01-01 --to 2029-12-31 --format csv -o "$tmp/reg.csv"
check "register export as XLSX" 0 "$tmp/reg.xlsx: [0-9]+ permohonan" \
  "$BIN" register export --db "sqlite:$tmp/pki.db" --office purwakarta --from 2020-01-01 --to 2029-12-31 -o "$tmp/reg.xlsx"
check "register export of an unknown format" 1 "format: one of xlsx, csv, pdf" \
  "$BIN" register export --db "sqlite:$tmp/pki.db" --office purwakarta --from 2026-01-01 --to 2026-12-31 --format doc -o "$tmp/reg.doc"
check "register export of an unknown permit" 1 "this office issues no permit with code 'SIM'" \
  "$BIN" register export --db "sqlite:$tmp/pki.db" --office kampar --from 2026-01-01 --to 2026-12-31 --permit SIM -o "$tmp/reg.csv"
check "register export into a missing directory" 1 "cannot create $tmp/no/such/reg.csv" \
  "$BIN" register export --db "sqlite:$tmp/pki.db" --office kampar --from 2026-01-01 --to 2026-12-31 --format csv -o "$tmp/no/such/reg.csv"
check "officer roles unknown role" 1 "'terbang' is not an officer role" \
  "$BIN" officer roles --db "sqlite:$tmp/pki.db" --pki-dir "$tmp/pki" --office kampar --email loket@kampar.demo --roles terbang

echo "$passes passed, $fails failed"
[[ $fails -eq 0 ]]
