import type { RejectionView } from '../../shared/steward-api.ts';
import { ScrollRegion } from './sources-shell.tsx';

/** Rejected rows: the line in the file, the column, the raw text and why, in the reader's words. */
export function RejectionsTable({
  rows,
  caption,
  columns,
  language,
}: {
  rows: readonly RejectionView[];
  caption: string;
  columns: { line: string; column: string; raw: string; reason: string };
  language: 'sv' | 'en';
}) {
  return (
    <ScrollRegion label={caption}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
          <tr>
            {[columns.line, columns.column, columns.raw, columns.reason].map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={`${r.line}-${r.column ?? ''}-${i}`} data-rejected-line={r.line}>
              <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
              <td className="px-3 py-1.5">{r.column ?? '–'}</td>
              <td className="max-w-xs truncate px-3 py-1.5 font-mono text-xs" title={r.raw}>
                {r.raw === '' ? '""' : r.raw}
              </td>
              <td className="px-3 py-1.5 text-red-900">{language === 'sv' ? r.reason : r.reasonEn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
