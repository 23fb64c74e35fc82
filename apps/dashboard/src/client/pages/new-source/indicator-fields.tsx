import { inputClass } from '../../components/sources-shell.tsx';
import { indicatorsOf, textOf, withIndicator } from './definition-draft.ts';
import { type DraftEditorProps, Field } from './field.tsx';

/** The indicators the source brings (created on save when their key is new): key, name, unit, decimals, direction. */
export function IndicatorFields({ m, def, onChange }: DraftEditorProps) {
  const w = m.wizard;
  const indicators = indicatorsOf(def);
  if (indicators.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{w.indicatorsHeading}</h3>
      <div className="mt-1 space-y-2">
        {indicators.map((ind, i) => (
          <fieldset
            key={i}
            className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-5"
            data-indicator-index={i}
          >
            <legend className="sr-only">{textOf(ind.key)}</legend>
            {(
              [
                ['key', w.indicatorKey],
                ['title', w.indicatorTitle],
                ['unit', w.unit],
              ] as const
            ).map(([field, label]) => (
              <Field key={field} label={label}>
                <input
                  value={textOf(ind[field])}
                  onChange={(e) => onChange(withIndicator(def, i, { [field]: e.target.value }))}
                  className={inputClass}
                />
              </Field>
            ))}
            <Field label={w.decimals}>
              <input
                type="number"
                min={0}
                max={6}
                value={textOf(ind.decimals)}
                onChange={(e) => onChange(withIndicator(def, i, { decimals: Number(e.target.value) }))}
                className={inputClass}
              />
            </Field>
            <Field label={w.direction}>
              <select
                value={textOf(ind.direction) || 'higher'}
                onChange={(e) =>
                  onChange(
                    withIndicator(def, i, { direction: e.target.value === 'lower' ? 'lower' : 'higher' }),
                  )
                }
                className={inputClass}
              >
                <option value="higher">{w.higher}</option>
                <option value="lower">{w.lower}</option>
              </select>
            </Field>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
