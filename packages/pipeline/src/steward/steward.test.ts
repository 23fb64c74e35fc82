import { describe, expect, it } from 'vitest';
import { safeBaseName } from './steward.ts';

describe('safeBaseName: an uploaded name can never leave the folder it is written to', () => {
  it.each([
    ['Befolkning 2016.csv', 'Befolkning 2016.csv'],
    ['../../../etc/passwd', 'passwd'],
    ['C:\\Users\\anna\\Hämtade filer\\export.csv', 'export.csv'],
    ['lön;"drop".csv', 'lön__drop_.csv'],
    ['.dold.csv', 'dold.csv'],
    ['nul\u0000byte.csv', 'nul_byte.csv'],
  ])('%j → %j', (name, expected) => {
    expect(safeBaseName(name)).toBe(expected);
  });

  it.each(['..', '.', '', 'mapp/', '/'])('%j is refused (null)', (name) => {
    expect(safeBaseName(name)).toBeNull();
  });
});
