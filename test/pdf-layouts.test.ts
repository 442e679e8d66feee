import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differences, fixture, parseFixture, readExpected } from './helpers/expected.js';

// The hand-written layouts rendered to PDF by LibreOffice: the PDF must read like the HTML it came from.
describe('layout fixtures as PDF', () => {
  const names = readdirSync(fixture('pdf/layouts')).filter((f) => f.endsWith('.pdf')).map((f) => f.slice(0, -4));

  it('has fixtures', () => expect(names.length).toBeGreaterThanOrEqual(7));

  it.each(names)('%s', async (name) => {
    const source = readdirSync(fixture('layouts')).includes(`${name}.expected.json`) ? 'layouts' : 'html';
    const doc = await parseFixture(`pdf/layouts/${name}.pdf`);
    expect(differences(doc, readExpected(`${source}/${name}.expected.json`))).toEqual([]);
  });

  it('rejoins a table row split by a page break', async () => {
    const doc = await parseFixture('pdf/central-dual-grid-split-row.pdf');
    const expected = readExpected('layouts/central-dual-grid.expected.json');
    // this rendering leaves the title (and with it the year) out of the text layer
    for (const f of expected.forms) delete f.year;
    expect(differences(doc, expected)).toEqual([]);
    const name = doc.forms[0]!.indicators.find((i) => i.name.startsWith('为生态安全屏障'))!;
    expect(name).toMatchObject({ name: '为生态安全屏障建设提供决策支撑', page: 2 });
  });
});
