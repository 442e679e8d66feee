import type { CellRole } from '../parse/index.js';

/** One colour per role the parser gives a cell (the legend lists them in this order). */
export const ROLE_COLOURS: Record<CellRole | 'empty', string> = {
  heading: '#8e44ad',
  'header-label': '#2c3e50',
  'header-value': '#16a085',
  'grid-header': '#7f8c8d',
  section: '#95a5a6',
  level1: '#c0392b',
  level2: '#e67e22',
  name: '#2980b9',
  value: '#27ae60',
  weight: '#d4ac0d',
  score: '#a04000',
  extra: '#6c3483',
  ignored: '#e91e63',
  empty: '#bdc3c7',
};

const roleRules = Object.entries(ROLE_COLOURS)
  .map(([role, c]) => `svg .role-${role}{stroke:${c};fill:${c}}td.role-${role}{background:${c}22;box-shadow:inset 3px 0 ${c}}`)
  .join('\n');

export const REPORT_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#f4f4f4}
header{background:#fff;padding:12px 20px;border-bottom:1px solid #ccc}
h1{font-size:18px;margin:0 0 4px}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px}
.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border-radius:2px}
.swatch.rule{background:#00bcd4}.swatch.outline{border:2px dashed #333;width:9px;height:9px}
.warnings ol{max-height:220px;overflow:auto;margin:4px 0;padding-left:28px;font-size:13px}
.warnings a{color:inherit;text-decoration:none}.warnings a:hover{background:#fff3c4}
.where{color:#777}
main{padding:10px 20px}
.page{background:#fff;margin:0 0 16px;padding:8px 12px;border:1px solid #ddd}
.page h2{font-size:15px;margin:0 0 6px}
.side-by-side{display:flex;gap:16px;align-items:flex-start}
.view{position:relative;flex:0 0 auto;max-width:62%;border:1px solid #ccc}
.view img{display:block;max-width:100%;height:auto}
.view svg{position:absolute;left:0;top:0;width:100%;height:100%}
.rules line{stroke:#00bcd4;stroke-width:.6;opacity:.7}
svg rect.table{fill:none;stroke:#333;stroke-width:1.2;stroke-dasharray:4 3}
svg rect.cell{fill-opacity:.12;stroke-width:.8;stroke-opacity:.9;cursor:pointer}
svg rect.cell.merged{stroke-width:1.6;stroke-dasharray:3 1.5}
svg rect.cell.hl{fill-opacity:.45;stroke:#000;stroke-width:2}
aside{flex:1 1 0;min-width:280px;font-size:13px}
.form{border-left:3px solid #2980b9;padding-left:8px;margin-bottom:12px}
.form h3{font-size:14px;margin:0}.meta{color:#666;font-size:12px}
.inds{padding-left:22px;margin:4px 0}
.ind{cursor:pointer;padding:1px 3px;border-radius:3px}
.ind:hover,.ind.hl{background:#fff3c4}
.ind.hl{outline:2px solid #d4ac0d}
.lv{color:#c0392b;font-size:11px}.name{color:#2980b9}.value{color:#27ae60}.weight{color:#b7950b}
table.grid{border-collapse:collapse;margin:0 0 14px;font-size:12px}
table.grid td{border:1px solid #bbb;padding:2px 4px;vertical-align:top}
td.cell.hl{outline:3px solid #000}
.noimage{background:#eee;display:flex;align-items:center;justify-content:center;width:600px}
${roleRules}`;

/** Hover or click an indicator: its cells light up; click a cell: its indicators do. No network, no globals. */
export const REPORT_SCRIPT = `(() => {
  const lit = [];
  const clear = () => { while (lit.length) lit.pop().classList.remove('hl'); };
  const light = (ids) => { for (const id of ids) { const el = document.getElementById(id); if (el) { el.classList.add('hl'); lit.push(el); } } };
  const idsOf = (el, attr) => (el.getAttribute(attr) || '').split(' ').filter(Boolean);
  const show = (el, scroll) => {
    clear();
    light([el.id]);
    const ids = idsOf(el, el.hasAttribute('data-cells') ? 'data-cells' : 'data-ind');
    light(ids);
    if (scroll && ids.length) { const first = document.getElementById(ids[0]); if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' }); }
  };
  document.addEventListener('mouseover', (e) => { const el = e.target.closest && e.target.closest('.ind,.cell'); if (el) show(el, false); });
  document.addEventListener('click', (e) => {
    const el = e.target.closest && e.target.closest('.ind,.cell,.warn');
    if (!el) return;
    if (el.classList.contains('warn')) { clear(); light(idsOf(el, 'data-cells')); return; }
    show(el, true);
  });
})();`;
