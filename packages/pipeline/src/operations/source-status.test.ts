import type { SourceOperationsRow } from '@malkoll/warehouse';
import { describe, expect, it } from 'vitest';
import { buildSourceStatus } from './source-status.ts';

// The state sentence of a source that loads fine: "I tid" only where a cadence says what is expected.

const definition = (freshness?: { cadence: string }) => ({
  id: 'prov',
  title: 'Prov',
  owner: { name: 'Anna' },
  kind: 'csv',
  on_file_arrival: true,
  location: { inbox: 'prov/*.csv' },
  mapping: {
    layout: 'long',
    indicator: { value: 'prov' },
    area: { column: 'Kommun' },
    period: { column: 'År' },
    value: { column: 'Värde' },
  },
  ...(freshness ? { freshness } : {}),
});

const row = (def: unknown): SourceOperationsRow => ({
  id: 'prov',
  title: 'Prov',
  definition: def,
  schedule_cron: null,
  schedule_tz: null,
  last_success_at: new Date('2026-12-01T02:00:00Z'),
  last_run_id: 1,
  last_run_status: 'succeeded',
  last_run_trigger: 'file',
  last_run_at: new Date('2026-12-01T02:00:00Z'),
  last_run_error: null,
  last_run_warning: null,
  last_period_end: '2025-12-31',
  last_period_label: '2025',
  last_new_data_at: new Date('2026-12-01T02:00:00Z'),
});

const now = new Date('2026-12-06T12:00:00Z');

describe('buildSourceStatus for a source that loaded without trouble', () => {
  it('without a cadence it says what was loaded, never "I tid" (nothing is expected)', () => {
    const status = buildSourceStatus(row(definition()), now);
    expect(status.freshness.state).toBe('no_rule');
    expect(status.stateText).toBe('Inläst: senaste period 2025; ingen takt angiven.');
  });

  it('with a yearly cadence the next year is expected, and the source is on time', () => {
    const status = buildSourceStatus(row(definition({ cadence: 'yearly' })), now);
    expect(status.state).toBe('ok');
    expect(status.stateText).toBe('I tid: nästa period, 2026, väntas senast 15 mars 2027.');
  });
});
