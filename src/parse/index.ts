import type { Form } from '../model/document.js';
import type { Extracted } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';
import { yearOf } from './dates.js';
import { checkDocument, checkForm } from './checks.js';
import type { FormBuilder } from './form.js';
import { readRow } from './recogniser.js';
import { RECOGNISERS } from './recognisers/index.js';
import { toRows } from './rows.js';
import { ReaderState } from './state.js';

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
  const state = new ReaderState(toRows(doc));
  state.rows.forEach((row, i) => {
    state.moveTo(i);
    readRow(row, state, RECOGNISERS);
  });
  const forms = buildForms(state.forms, state.docYear);
  return { title: state.title, forms, warnings: [...state.warnings, ...checkDocument(forms)] };
}

/**
 * The forms worth keeping, numbered from 1, with their checks run. A form that prints no year
 * takes the document's (its title's or first year line's, wherever it stands), with a warning.
 */
function buildForms(builders: FormBuilder[], docYear: number | null): Form[] {
  // a form is a project or its indicators; header fields alone (a budget table's) are not one
  return builders.filter((f) => f.project.name !== null || f.indicatorCount > 0).map((f, k) => {
    f.preamble.year ??= f.preamble.title ? yearOf(f.preamble.title) : null; // 2026年…项目绩效目标表
    if (f.preamble.year === null && docYear !== null && f.project.startDate === null) {
      f.preamble.year = docYear;
      f.warn('inferred-year', `no year printed with this form; ${docYear} from the document`);
    }
    const out = f.build();
    const index = k + 1;
    return checkForm({ ...out, index, warnings: out.warnings.map((w) => ({ ...w, form: index })) });
  });
}
