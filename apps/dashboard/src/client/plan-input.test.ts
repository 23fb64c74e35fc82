import { describe, expect, test } from 'vitest';
import { parseNumberInput } from '../shared/plan-editing-api.ts';
import { inputText } from './components/plan-editors.tsx';

// The target editor shows a stored value the way the steward writes it and must read back exactly that
// value when it is saved unchanged (else an untouched field would be sent as an edit, or a value rounded).
describe('inputText: the editor shows a value as Swedes write it and reads it back unchanged', () => {
  test.each([
    [26602, '26 602', '26602'],
    [26602.5, '26 602,5', '26602.5'],
    [14.5, '14,5', '14.5'],
    [0.125, '0,125', '0.125'],
    [-3.2, '−3,2', '-3.2'],
    [1234567.891, '1 234 567,891', '1234567.891'],
    [300, '300', '300'],
  ])('%s → sv "%s", en "%s"', (value, sv, en) => {
    expect(inputText(value, 'sv').replace(/\u00a0/g, ' ')).toBe(sv);
    expect(inputText(value, 'en')).toBe(en);
    expect(parseNumberInput(inputText(value, 'sv'))).toEqual({ ok: true, value });
    expect(parseNumberInput(inputText(value, 'en'))).toEqual({ ok: true, value });
  });

  test('no value is an empty field', () => {
    expect(inputText(null, 'sv')).toBe('');
  });
});
