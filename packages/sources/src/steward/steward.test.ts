import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkSourceDefinition } from './definition-problems.ts';
import { refuseBinaryUpload } from './sniff.ts';

const fixture = (name: string) => readFile(new URL(`../../fixtures/${name}`, import.meta.url));

describe('refuseBinaryUpload', () => {
  it.each([
    ['an xlsx workbook', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /Excel-arbetsbok.*Spara som/],
    ['an xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0], /äldre Excel-arbetsbok/],
    ['a PDF', [...Buffer.from('%PDF-1.7\n')], /PDF/],
    ['gzip', [0x1f, 0x8b, 0x08], /packad/],
    ['a PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d], /bild/],
    ['text with a NUL byte', [...Buffer.from('Kommun;År\n0586;20\u000016\n')], /NUL/],
    ['a workbook behind a UTF-16 BOM', [0xff, 0xfe, 0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /Excel-arbetsbok/],
    ['a PDF behind a UTF-8 BOM', [0xef, 0xbb, 0xbf, ...Buffer.from('%PDF-1.7\n')], /PDF/],
    ['UTF-16 text with a NUL character', [...Buffer.from('\ufeffA;B\n1;\u00002\n', 'utf16le')], /NUL/],
  ])('refuses %s with a Swedish reason', (_name, bytes, reason) => {
    expect(refuseBinaryUpload(Uint8Array.from(bytes))?.reasonSv).toMatch(reason);
  });

  it('lets CSV exports through: UTF-8 with BOM, Windows-1252, UTF-16 with its BOM', async () => {
    expect(refuseBinaryUpload(await fixture('excel-bom-semicolon.csv'))).toBeNull();
    expect(refuseBinaryUpload(await fixture('windows-1252-excel.csv'))).toBeNull();
    expect(refuseBinaryUpload(Buffer.from('\ufeffA;B\n1;2\n', 'utf16le'))).toBeNull();
  });
});

describe('checkSourceDefinition', () => {
  const good = {
    id: 'hr',
    title: 'HR',
    owner: { name: 'HR' },
    kind: 'csv',
    location: { inbox: 'hr/*.csv' },
    mapping: {
      layout: 'long',
      indicator: { value: 'hr.x' },
      area: { column: 'Enhet' },
      period: { column: 'Månad' },
      value: { column: 'Värde' },
    },
  };

  it('accepts what sources apply accepts', () => {
    const r = checkSourceDefinition(good);
    expect(r.ok && r.definition.id).toBe('hr');
  });

  it('names every broken field in Swedish', () => {
    const r = checkSourceDefinition({
      ...good,
      id: 'Fel Id',
      location: { inbox: '../utanfor/*.csv' },
      schedule: { cron: '0 2 * *' },
      mapping: { ...good.mapping, area: {} },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { field: 'id', message: expect.stringMatching(/^Använd små bokstäver/) },
        { field: 'location.inbox', message: expect.stringContaining('".."') },
        { field: 'schedule.cron', message: 'Ett cron-uttryck har 5 eller 6 fält, det här har 4' },
        { field: 'mapping.area.column', message: 'Saknas: ange en kolumn eller ett fast värde' },
      ]),
    );
  });
});
