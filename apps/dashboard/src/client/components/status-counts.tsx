import type { GoalStatus } from '../../shared/api-types.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { STATUS_ORDER, STATUS_STYLES } from '../theme.ts';
import { StatusIcon } from './status-icon.tsx';

/** "3 nyckeltal: 1 Ej i fas · 2 Inga nya data" as a compact list; zero counts are left out. */
export function StatusCounts({ counts }: { counts: Record<GoalStatus, number> }) {
  const { messages } = useI18n();
  const total = STATUS_ORDER.reduce((sum, s) => sum + counts[s], 0);
  const shown = STATUS_ORDER.filter((s) => counts[s] > 0);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
      <span className="font-medium text-slate-900">
        {total === 1 ? messages.indicatorCountOne : translate(messages.indicatorCount, { count: total })}
      </span>
      {shown.length > 0 && (
        <ul className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label={messages.statusCountsLabel}>
          {shown.map((s) => (
            <li key={s} className="inline-flex items-center gap-1.5">
              <span
                className={`inline-flex h-5 w-5 items-center justify-center rounded-full ring-1 ring-inset ${STATUS_STYLES[s].badge}`}
              >
                <StatusIcon status={s} className="h-3.5 w-3.5" />
              </span>
              <span className="tabular-nums">{counts[s]}</span>
              <span>{messages.status[s]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
