import { inputClass } from '../../components/sources-shell.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import {
  DIMENSIONS,
  type Dimension,
  type FieldRefDraft,
  fieldRefOf,
  isObject,
  mappingOf,
  textOf,
  valueColumnOf,
  withMapping,
} from './definition-draft.ts';
import { type DraftEditorProps, Field } from './field.tsx';

/** A long file's mapping: where each dimension comes from, and the column of the values. */
export function DimensionFields({
  m,
  def,
  columns,
  onChange,
}: DraftEditorProps & { columns: readonly string[] }) {
  const w = m.wizard;
  const mapping = mappingOf(def);
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {DIMENSIONS.map((dim) => (
        <FieldSourceEditor
          key={dim}
          m={m}
          dimension={dim}
          value={fieldRefOf(mapping, dim)}
          columns={columns}
          onChange={(ref) => onChange(withMapping(def, { [dim]: ref }))}
        />
      ))}
      <Field label={w.valueColumn}>
        <select
          value={valueColumnOf(mapping)}
          onChange={(e) => onChange(withMapping(def, { value: { column: e.target.value } }))}
          className={inputClass}
        >
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** Where one dimension comes from: a column of the file, or one value for the whole file. */
function FieldSourceEditor({
  m,
  dimension,
  value,
  columns,
  onChange,
}: {
  m: StewardMessages;
  dimension: Dimension;
  value: FieldRefDraft;
  columns: readonly string[];
  onChange: (ref: FieldRefDraft) => void;
}) {
  const w = m.wizard;
  // Several label columns (`columns`) name the indicator together; the wizard shows them as they are and
  // the JSON step edits them.
  const labelColumns = Array.isArray(value.columns) ? value.columns.map(textOf) : null;
  const fromColumn = value.column !== undefined || labelColumns !== null;
  // A translation map and `create` belong to the column's labels, so they stay while the column changes.
  const map = {
    ...(isObject(value.map) ? { map: value.map } : {}),
    ...(isObject(value.create) ? { create: value.create } : {}),
  };
  const label = w.fieldSource[dimension];
  return (
    <fieldset className="rounded-md border border-slate-200 p-2" data-field-source={dimension}>
      <legend className="px-1 text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={`${dimension}-source`}
            checked={fromColumn}
            onChange={() => onChange({ column: columns[0] ?? '', ...map })}
          />
          {w.fromColumn}
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={`${dimension}-source`}
            checked={!fromColumn}
            onChange={() => onChange({ value: dimension === 'breakdown' ? 'T' : '' })}
          />
          {w.fixedValue}
        </label>
      </div>
      {labelColumns !== null ? (
        <p className="text-sm text-slate-700" data-label-columns>
          {labelColumns.map((c) => `"${c}"`).join(' + ')}
        </p>
      ) : fromColumn ? (
        <select
          aria-label={`${label}: ${w.fromColumn}`}
          value={textOf(value.column)}
          onChange={(e) => onChange({ column: e.target.value, ...map })}
          className={inputClass}
        >
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label={`${label}: ${w.fixedValue}`}
          value={textOf(value.value)}
          onChange={(e) => onChange({ value: e.target.value })}
          className={inputClass}
        />
      )}
    </fieldset>
  );
}
