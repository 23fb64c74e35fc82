// `malkoll status recompute [--refreeze]`, `malkoll status freeze` and `malkoll status history`: the
// stored snapshots per follow-up date, frozen once decided (docs/status-rules.md, "Snapshots").
import { formatDate, STATUS_LABELS, todayInSweden } from '@malkoll/goals';
import { formatValue, MISSING_VALUE } from '@malkoll/goals/format';
import { recomputeStatus, refreshAnswers } from '@malkoll/pipeline';
import { freezeStatusSnapshots, listStatusHistory, type Warehouse } from '@malkoll/warehouse';

export async function runStatusRecompute(
  db: Warehouse,
  opts: { plan?: string; refreeze?: boolean },
): Promise<string> {
  const r = await recomputeStatus(db, opts.plan ? { planId: opts.plan } : {}, {
    refreeze: opts.refreeze === true,
  });
  await refreshAnswers(db);
  const parts = [`${r.links} indicator links, ${r.snapshots} status snapshots`];
  if (r.keptFrozen > 0) parts.push(`${r.keptFrozen} frozen kept as decided (--refreeze to recompute them)`);
  if (r.frozen > 0) parts.push(`${r.frozen} frozen now`);
  return parts.join('; ');
}

export async function runStatusFreeze(db: Warehouse, opts: { plan: string; asOf?: string }): Promise<string> {
  if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) {
    throw new Error(`--as-of ska vara ett datum som ÅÅÅÅ-MM-DD, fick "${opts.asOf}".`);
  }
  const frozen = await freezeStatusSnapshots(db, {
    planId: opts.plan,
    today: todayInSweden(),
    ...(opts.asOf ? { asOf: opts.asOf } : {}),
  });
  if (frozen.length > 0) await refreshAnswers(db);
  if (frozen.length === 0)
    return `Inget att frysa för ${opts.plan}: inga ofrysta uppföljningar som passerat.`;
  return frozen.map((f) => `${f.as_of}: ${f.links} mått frysta`).join('\n');
}

/** One line per link: its status at each follow-up, then the latest snapshot, oldest first. */
export async function runStatusHistory(
  db: Warehouse,
  opts: { plan: string; json?: boolean },
): Promise<string> {
  const history = await listStatusHistory(db, opts.plan, { includeLatest: true });
  if (opts.json) return JSON.stringify(history, null, 2);
  const out: string[] = [];
  for (const h of history) {
    out.push(h.label);
    for (const p of h.points) {
      const when = `${formatDate(p.as_of)}${p.is_follow_up ? '' : ' (senaste)'}`;
      const value =
        p.current_value === null
          ? MISSING_VALUE
          : formatValue(p.current_value, { unit: h.unit, decimals: h.decimals });
      const frozen = p.frozen_at ? ' [fryst]' : '';
      out.push(`  ${when.padEnd(24)} ${STATUS_LABELS.sv[p.status].padEnd(14)} ${value}${frozen}`);
    }
  }
  return out.join('\n');
}
