import { formatNumber } from '@malkoll/goals/format';
import type { ClassificationMapping, Preview } from '@malkoll/sources';

// `sources detect` and `sources check` for a classification file (mapping.layout: classification): the
// peer groups it would load, in Swedish. It gives no values, so the preview lists groups, not facts.

const n = (v: number) => formatNumber(v);

/** The groups a classification file gives and the row accounting of reading it. */
export function formatClassificationPreview(preview: Preview): string[] {
  const c = preview.classification;
  const s = preview.summary;
  if (c === undefined || s === null) return [];
  const lines = [
    `Rader: ${n(s.rowsRead)} lästa = ${n(s.rowsLoaded)} inlästa + ${n(s.skipped)} överhoppade + ${n(s.rowsRejected)} avvisade · inga värden (en klassificering)`,
    '',
    `Jämförelsegrupper i indelningen "${c.set.key}" (${c.set.label}${c.set.valid_from ? `, gäller från ${c.set.valid_from}` : ''}):`,
  ];
  const groups = c.groups.filter((g) => g.level === 'group');
  const mains = c.groups.filter((g) => g.level === 'main_group');
  for (const g of groups) lines.push(`  ${g.code.padEnd(6)} ${g.name} (${areasText(g.areas)})`);
  if (mains.length > 0) {
    lines.push('', 'Huvudgrupper:');
    for (const g of mains) lines.push(`  ${g.code.padEnd(6)} ${g.name} (${areasText(g.areas)})`);
  }
  if (preview.skips.length > 0) {
    lines.push('', `Överhoppade rader (${preview.skips.length}):`);
    for (const k of preview.skips) lines.push(`  rad ${k.line}: ${k.reason}`);
  }
  lines.push('', `Avvisade rader (${preview.rejections.length}):`);
  if (preview.rejections.length === 0) lines.push('  inga');
  for (const r of preview.rejections)
    lines.push(`  rad ${r.line}${r.column === null ? '' : ` [${r.column}]`}: ${r.reasonSv}`);
  return lines;
}

function areasText(areas: readonly string[]): string {
  const shown = areas.slice(0, 5).join(', ');
  const more = areas.length > 5 ? ` …` : '';
  return `${n(areas.length)} ${areas.length === 1 ? 'område' : 'områden'}: ${shown}${more}`;
}

const ref = (r: { column: string | number } | undefined) =>
  r === undefined ? '–' : typeof r.column === 'number' ? `kolumn ${r.column}` : `kolumnen "${r.column}"`;

/** `sources check`'s mapping lines for a classification. */
export function describeClassificationMapping(m: ClassificationMapping): string[] {
  return [
    '  layout:      klassificering (grupper per område, inga värden)',
    `  område:      ${ref(m.area)}`,
    `  grupp:       kod i ${ref(m.group.code)}, namn i ${ref(m.group.name)}`,
    ...(m.main_group === undefined
      ? []
      : [`  huvudgrupp:  kod i ${ref(m.main_group.code)}, namn i ${ref(m.main_group.name)}`]),
    `  indelning:   ${m.set.key} (${m.set.label}${m.set.valid_from ? `, gäller från ${m.set.valid_from}` : ''})`,
  ];
}
