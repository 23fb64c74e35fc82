import { describe, expect, it } from 'vitest';
import { indicatorKeyForLabel, joinLabels } from './indicator-keys.ts';

describe('indicatorKeyForLabel', () => {
  it('is the prefix and the ASCII slug of the label', () => {
    expect(indicatorKeyForLabel('kolada-bakgrund', 'Arbetslöshet, (%)')).toBe(
      'kolada-bakgrund.arbetsloshet-pct',
    );
    expect(indicatorKeyForLabel('energi', 'Småhus – träbränsle')).toBe('energi.smahus-trabransle');
    expect(indicatorKeyForLabel('kolada', 'N01951')).toBe('kolada.n01951');
  });

  it('gives the same key however the label is spaced', () => {
    expect(indicatorKeyForLabel('e', '  Småhus   – träbränsle ')).toBe(
      indicatorKeyForLabel('e', 'Småhus – träbränsle'),
    );
  });

  it('keeps two long labels that share their first 60 characters apart, and the key short', () => {
    const start = 'Andel elever i årskurs 9 som är behöriga till yrkesprogram, hemkommun, ';
    const a = indicatorKeyForLabel('skolverket', `${start}flickor`);
    const b = indicatorKeyForLabel('skolverket', `${start}pojkar`);
    expect(a).not.toBe(b);
    for (const key of [a, b]) {
      expect(key.length).toBeLessThanOrEqual('skolverket.'.length + 60);
      expect(key).toMatch(/^skolverket\.andel-elever-i-arskurs-9-[a-z0-9-]+-[0-9a-z]{6}$/);
    }
  });

  it('spells out the signs that tell labels apart', () => {
    expect(indicatorKeyForLabel('e', 'eldningsolja 1')).toBe('e.eldningsolja-1');
    expect(indicatorKeyForLabel('e', 'eldningsolja>1')).toBe('e.eldningsolja-gt-1');
    expect(indicatorKeyForLabel('k', 'Mediannettoinkomst, kr/inv 20+')).toBe(
      'k.mediannettoinkomst-kr-inv-20-plus',
    );
    expect(indicatorKeyForLabel('k', 'Andel ≥ 65 år')).not.toBe(indicatorKeyForLabel('k', 'Andel 65 år'));
  });

  it('gives a label of only signs a key of its own, and the prefix itself when the label is the prefix', () => {
    const signs = indicatorKeyForLabel('x', '*');
    expect(signs).toMatch(/^x\.varde-[0-9a-z]{6}$/);
    expect(indicatorKeyForLabel('x', '‰')).not.toBe(signs);
    expect(indicatorKeyForLabel('befolkning', 'Befolkning')).toBe('befolkning');
  });

  it('every key is one the definition schema accepts', () => {
    for (const label of ['Ä', 'eldningsolja>1', '9.6.1 slutanv. Spec Hushåll småhus – diesel', '***']) {
      expect(indicatorKeyForLabel('kalla-1', label)).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    }
  });
});

describe('joinLabels', () => {
  it('joins the non-empty cells with an en dash', () => {
    expect(joinLabels(['småhus ', ' träbränsle'])).toBe('småhus – träbränsle');
    expect(joinLabels(['småhus', ''])).toBe('småhus');
  });
});
