import type { DetectResponse } from '../../../shared/steward-api.ts';
import { inputClass, Panel, ScrollRegion } from '../../components/sources-shell.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { mappingOf, ownerOf, textOf, withOwnerEmail, withSourceId } from './definition-draft.ts';
import { DimensionFields } from './dimension-fields.tsx';
import { controlProps, type DraftEditorProps, Field } from './field.tsx';
import { IndicatorFields } from './indicator-fields.tsx';
import { FIELD_IDS, hintsOf } from './wizard-checks.ts';

/** Step 2: what detect found in the file, and the proposed definition's parts a steward usually edits. */
export function MappingStep({
  m,
  detection,
  def,
  onChange,
  errors,
}: DraftEditorProps & { detection: DetectResponse }) {
  const w = m.wizard;
  // Worked out from the form as it is now: a hint goes as soon as the steward has done what it asks.
  const notes = [...hintsOf(def, w), ...detection.notes];
  return (
    <Panel title={w.stepMapping} id="step-mapping">
      <DetectedSettings m={m} detection={detection} />
      <SourceFields m={m} def={def} onChange={onChange} errors={errors} />
      <DetectedColumns m={m} columns={detection.columns} />
      {mappingOf(def).layout === 'long' && (
        <DimensionFields m={m} def={def} columns={detection.columns.map((c) => c.name)} onChange={onChange} />
      )}
      <IndicatorFields m={m} def={def} onChange={onChange} errors={errors} />
      {notes.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{w.notesHeading}</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700" data-testid="wizard-hints">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}

/** How the file is written (encoding, delimiter, decimal sign, header, layout, title and footnote lines). */
function DetectedSettings({ m, detection }: { m: StewardMessages; detection: DetectResponse }) {
  const w = m.wizard;
  const s = detection.settings;
  const settings: [string, string][] = [
    [w.encoding, s.encoding],
    [w.delimiter, s.delimiter === '\t' ? 'tab' : s.delimiter],
    [w.decimal, s.decimal === ',' ? w.comma : w.point],
    [w.headerLine, String(s.headerLine)],
    [w.profile, detection.profile === null ? w.noProfile : detection.profile.name],
    [
      w.layout,
      detection.layout === 'classification'
        ? w.layoutClassification
        : detection.layout === 'long'
          ? w.layoutLong
          : w.layoutWide,
    ],
  ];
  if (s.titleLines.length > 0)
    settings.push([w.titleLines, s.titleLines.map((t) => `${t.line}: ${t.text}`).join(', ')]);
  if (s.footnoteLines.length > 0) settings.push([w.footnotes, s.footnoteLines.join(', ')]);
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{w.detectedSettings}</h3>
      <dl className="mt-1 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="detected-settings">
        {settings.map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="text-slate-600">{k}:</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The source's id, name and owner; each with its message when the last save found a problem there. */
function SourceFields({ m, def, onChange, errors = {} }: DraftEditorProps) {
  const w = m.wizard;
  const owner = ownerOf(def);
  const field = (
    id: string,
    label: string,
    control: (props: ReturnType<typeof controlProps>) => JSX.Element,
    hint?: string,
  ) => (
    <Field id={id} label={label} hint={hint} error={errors[id]} errorPrefix={w.errorPrefix}>
      {control(controlProps(id, errors[id], hint !== undefined))}
    </Field>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {field(FIELD_IDS.id, w.sourceId, (props) => (
        <input
          {...props}
          value={textOf(def.id)}
          onChange={(e) => onChange(withSourceId(def, e.target.value))}
          className={inputClass}
        />
      ))}
      {field(FIELD_IDS.title, w.sourceTitle, (props) => (
        <input
          {...props}
          value={textOf(def.title)}
          onChange={(e) => onChange({ ...def, title: e.target.value })}
          className={inputClass}
        />
      ))}
      {field(
        FIELD_IDS.owner,
        w.owner,
        (props) => (
          <input
            {...props}
            value={textOf(owner.name)}
            autoComplete="off"
            onChange={(e) => onChange({ ...def, owner: { ...owner, name: e.target.value } })}
            className={inputClass}
          />
        ),
        w.ownerHelp,
      )}
      {field(FIELD_IDS.ownerEmail, w.ownerEmail, (props) => (
        <input
          {...props}
          type="email"
          value={textOf(owner.email)}
          onChange={(e) => onChange(withOwnerEmail(def, e.target.value))}
          className={inputClass}
        />
      ))}
    </div>
  );
}

/** Each column of the file, the role detect gave it and why. */
function DetectedColumns({ m, columns }: { m: StewardMessages; columns: DetectResponse['columns'] }) {
  const w = m.wizard;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{w.columnsHeading}</h3>
      <ScrollRegion label={w.columnsHeading}>
        <table className="mt-1 min-w-full text-sm" data-testid="detected-columns">
          <caption className="sr-only">{w.columnsHeading}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {w.columnName}
              </th>
              <th scope="col" className="px-3 py-2">
                {w.columnRole}
              </th>
              <th scope="col" className="px-3 py-2">
                {w.columnWhy}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {columns.map((c) => (
              <tr key={c.index} data-column={c.name}>
                <td className="px-3 py-1.5 font-medium">{c.name}</td>
                <td className="px-3 py-1.5">{w.roles[c.role] ?? c.role}</td>
                <td className="px-3 py-1.5 text-slate-600" lang="sv">
                  {c.why}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
