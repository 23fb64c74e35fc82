import { inputClass } from '../../components/sources-shell.tsx';
import { indicatorsOf, textOf, withIndicator } from './definition-draft.ts';
import { controlProps, type DraftEditorProps, Field } from './field.tsx';
import { indicatorFieldId } from './wizard-checks.ts';

/**
 * The indicators the source brings (created on save when their key is new): key, name, unit, decimals,
 * direction. The direction starts unchosen: detect cannot know whether higher is better.
 */
export function IndicatorFields({ m, def, onChange, errors = {} }: DraftEditorProps) {
  const w = m.wizard;
  const indicators = indicatorsOf(def);
  if (indicators.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{w.indicatorsHeading}</h3>
      <div className="mt-1 space-y-2">
        {indicators.map((ind, i) => {
          const idOf = (field: string) => indicatorFieldId(i, field);
          const props = (field: string) => controlProps(idOf(field), errors[idOf(field)]);
          const fieldOf = (field: string, label: string, control: JSX.Element) => (
            <Field
              key={field}
              id={idOf(field)}
              label={label}
              error={errors[idOf(field)]}
              errorPrefix={w.errorPrefix}
            >
              {control}
            </Field>
          );
          return (
            <fieldset
              key={i}
              className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-5"
              data-indicator-index={i}
            >
              <legend className="sr-only">{textOf(ind.title) || textOf(ind.key)}</legend>
              {(
                [
                  ['key', w.indicatorKey],
                  ['title', w.indicatorTitle],
                  ['unit', w.unit],
                ] as const
              ).map(([field, label]) =>
                fieldOf(
                  field,
                  label,
                  <input
                    {...props(field)}
                    value={textOf(ind[field])}
                    onChange={(e) => onChange(withIndicator(def, i, { [field]: e.target.value }))}
                    className={inputClass}
                  />,
                ),
              )}
              {fieldOf(
                'decimals',
                w.decimals,
                <input
                  {...props('decimals')}
                  type="number"
                  min={0}
                  max={6}
                  value={textOf(ind.decimals)}
                  onChange={(e) => onChange(withIndicator(def, i, { decimals: Number(e.target.value) }))}
                  className={inputClass}
                />,
              )}
              {fieldOf(
                'direction',
                w.direction,
                <select
                  {...props('direction')}
                  value={textOf(ind.direction)}
                  onChange={(e) => {
                    const v = e.target.value;
                    const { direction: _old, ...rest } = ind;
                    const chosen =
                      v === 'higher' || v === 'lower'
                        ? { ...rest, direction: v as 'higher' | 'lower' }
                        : rest;
                    onChange({ ...def, indicators: indicatorsOf(def).map((x, j) => (j === i ? chosen : x)) });
                  }}
                  className={inputClass}
                >
                  <option value="">{w.chooseDirection}</option>
                  <option value="higher">{w.higher}</option>
                  <option value="lower">{w.lower}</option>
                </select>,
              )}
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}
