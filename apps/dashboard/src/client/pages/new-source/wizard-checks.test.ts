import { describe, expect, it } from 'vitest';
import { STEWARD_MESSAGES } from '../../i18n/steward-messages.ts';
import { draftOf } from './definition-draft.ts';
import type { SaveOptions } from './requests.ts';
import { checkBeforeSave, errorsOfProblems, hintsOf } from './wizard-checks.ts';

const w = STEWARD_MESSAGES.sv.wizard;
const proposal = draftOf({
  id: 'kostnad',
  title: 'Kostnad',
  owner: {},
  indicators: [{ key: 'kostnad.tkr', title: 'Kostnad', unit: 'tkr', direction: 'higher', decimals: 2 }],
});
const options: SaveOptions = {
  preset: 'nightly',
  cron: '',
  stageSample: true,
  replace: false,
  cadence: null,
};

describe('the wizard checks from the form as it is now', () => {
  it("detect's guessed direction is left for the steward to choose", () => {
    expect(proposal.indicators?.[0]?.direction).toBeUndefined();
  });

  it('a hint goes as soon as its field is filled in', () => {
    expect(hintsOf(proposal, w).slice(0, 2)).toEqual([w.hints.owner, w.hints.directionOne]);
    const filled = {
      ...proposal,
      owner: { name: 'Sara' },
      indicators: [{ ...proposal.indicators?.[0], direction: 'lower' as const }],
    };
    const hints = hintsOf(filled, w);
    expect(hints.join(' ')).not.toContain('ansvarar');
    expect(hints.join(' ')).not.toContain('riktning');
  });

  it('a save without owner, direction, cadence or cron lists each at its field, in form order', () => {
    expect(checkBeforeSave(proposal, { ...options, preset: 'custom', cron: ' ' }, w)).toEqual([
      { field: 'source-owner', message: 'Skriv vem som ansvarar för källan' },
      { field: 'indicator-0-direction', message: 'Välj om högre eller lägre värden är bättre för "Kostnad"' },
      { field: 'freshness-cadence', message: 'Välj hur ofta källan får nya siffror' },
      { field: 'schedule-cron', message: 'Skriv ett cron-uttryck, till exempel 30 6 * * 1-5' },
    ]);
  });

  it("the server's problems go to their fields; one the form has no field for goes to the JSON box", () => {
    const custom = { ...options, preset: 'custom' as const };
    expect(
      errorsOfProblems(
        [
          { field: 'schedule.cron', message: 'fel' },
          { field: 'indicators[0].unit', message: 'fel' },
          { field: 'mapping.value.column', message: 'Saknas' },
        ],
        custom,
      ),
    ).toEqual([
      { field: 'schedule-cron', message: 'fel' },
      { field: 'indicator-0-unit', message: 'fel' },
      { field: 'definition-json', message: 'mapping.value.column: Saknas' },
    ]);
  });
});
