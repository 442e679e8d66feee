import type { Form } from '../model/document.js';
import type { Extracted } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';
import { yearOf } from './dates.js';
import { checkDocument, checkForm } from './checks.js';
import type { FormBuilder } from './form.js';
import { readRow } from './recogniser.js';
import { RECOGNISERS } from './recognisers/index.js';
import { toRows } from './rows.js';
export { mayHoldForm } from './pages.js';
import { ReaderState } from './state.js';
import { type Provenance, type RowNote, provenanceOf } from './trace.js';

export { boxOf, CELL_ROLES, type CellRole, type Provenance } from './trace.js';

export interface Parsed {
  title: string | null;
  forms: Form[];
  warnings: Warning[];
}

/**
 * Read the forms of a document: its blocks become one stream of rows, each row is read by the
 * first recogniser that knows its shape (recognisers/index.ts), and the forms read are checked
 * as a whole (checks.ts).
 */
export function parseDocument(doc: Extracted): Parsed {
  return read(doc, null).parsed;
}

/** parseDocument, also saying which cells each indicator and form came from and what each cell was read as. */
export function parseWithProvenance(doc: Extracted): Parsed & { provenance: Provenance } {
  const notes: RowNote[] = [];
  const { parsed, state, built } = read(doc, notes);
  return { ...parsed, provenance: provenanceOf(notes, state.consumed, built) };
}

function read(doc: Extracted, notes: RowNote[] | null): { parsed: Parsed; state: ReaderState; built: Map<object, Form> } {
  const state = new ReaderState(toRows(doc));
  state.rows.forEach((row, i) => {
    state.moveTo(i);
    if (!notes) {
      readRow(row, state, RECOGNISERS);
      return;
    }
    // indicators only ever go to the form opened last
    const last = state.forms.at(-1);
    const before = { forms: state.forms.length, count: last?.indicatorCount ?? 0 };
    const by = readRow(row, state, RECOGNISERS);
    const indicators = [
      ...(last ? last.indicatorsSince(before.count) : []),
      ...state.forms.slice(before.forms).flatMap((f) => f.indicatorsSince(0)),
    ];
    notes.push({ row, by: by?.name ?? null, form: state.form ?? state.forms.at(-1) ?? null, indicators });
  });
  const built = buildForms(state.forms, state.docYear);
  const forms = [...built.values()];
  return { parsed: { title: state.title, forms, warnings: [...state.warnings, ...checkDocument(forms)] }, state, built };
}

/**
 * The forms worth keeping, numbered from 1, with their checks run, by the builder that read each.
 * A form that prints no year takes the document's (its title's or first year line's, wherever it
 * stands), with a warning.
 */
function buildForms(builders: FormBuilder[], docYear: number | null): Map<object, Form> {
  // what is no form (a budget table's heading read as labels) goes, with the rows it gathered: those
  // are rows of a table that is no form, like the tables before any form, which are not reported
  const kept = builders.filter((f) => f.isForm);
  return new Map(
    kept.map((f, k) => {
      f.preamble.year ??= f.preamble.title ? yearOf(f.preamble.title) : null; // 2026年…项目绩效目标表
      if (f.preamble.year === null && docYear !== null && f.project.startDate === null) {
        f.preamble.year = docYear;
        f.warn('inferred-year', `no year printed with this form; ${docYear} from the document`);
      }
      const out = f.build();
      const index = k + 1;
      return [f, checkForm({ ...out, index, warnings: out.warnings.map((w) => ({ ...w, form: index })) })];
    }),
  );
}
