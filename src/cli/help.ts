/** Printed after `ptarget --help` and `ptarget parse --help`. */
export const EXAMPLES = `
Examples:
  $ ptarget parse 2023.pdf -o 2023.json          all forms of a PDF as JSON
  $ ptarget parse 2023.docx -f csv -o 2023.csv   one CSV row per indicator (UTF-8 with BOM)
  $ ptarget parse 2023.pdf -f csv --table forms  one CSV row per form, to stdout
  $ cat export.txt | ptarget parse - > out.json   tab-separated text from stdin

Batch (several inputs, a folder, a glob, a .zip, -o naming a folder or ending in /, or
--format ndjson; a single plain file is converted as above):
  $ ptarget parse archive/ -o out/               one JSON per input + indicators.csv, forms.csv
                                                 and manifest.json; next time, unchanged inputs
                                                 are skipped (--force converts them again)
  $ ptarget parse 'reports/**/*.pdf' 2023.zip -o out/ -j 4
  $ ptarget parse archive/ --format ndjson       one document per line, to stdout
  $ ptarget parse archive/ -f csv > all.csv      every indicator row, one header
Folders are searched recursively for .pdf .docx .html .htm .md .markdown .txt .tsv .csv .xlsx
.xls .et .ods .zip;
zip members are read in memory (names in UTF-8 or GBK). Failed inputs are named in the summary
(and manifest.json), never stop the batch, and make the exit status 1; with ndjson they print
no line on stdout, only their error on stderr.

Inputs: PDF, DOCX, spreadsheets (.xlsx, .xls, WPS .et, .ods: every visible sheet), HTML,
Markdown pipe tables, tab-separated text (.txt/.tsv), CSV (text in UTF-8, UTF-16 with BOM
or GB18030/GBK); the format is detected from the content.
Warnings (values inferred or unreadable) go to stderr and into the output.
Exit status: 0 converted (warnings allowed), 1 an input could not be read, 2 usage error.`;
