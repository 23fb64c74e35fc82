import { describe, expect, test } from 'vitest';
import { addsToValue } from './components/indicator-card.tsx';
import { translate } from './i18n/i18n.tsx';

describe('addsToValue: the plan text is shown beside the number only when it says more', () => {
  test.each([
    ['26 602', 26602, false],
    ['100%', 100, false],
    ['5 ha', 5, false],
    ['14,5%', 14.5, false],
    ['+7,2 mkr', 7.2, false],
    ['2% trakasserier, 3% diskriminering, 9% kränkning', 2, true],
    ['Medelnivå med likvärdiga kommuner', 50, true],
    [null, 1, false],
  ])('%s for %d → %s', (text, value, expected) => {
    expect(addsToValue(text, value)).toBe(expected);
  });
});

describe('translate', () => {
  test('an unknown placeholder stays visible instead of vanishing', () => {
    expect(translate('Läget per {date}, {missing}', { date: '30 april 2016' })).toBe(
      'Läget per 30 april 2016, {missing}',
    );
  });
});
