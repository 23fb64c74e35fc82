import type { NamedRef } from '../csv/header.ts';
import type { ClassificationMapping } from './definition-classification.ts';

/** Every column a classification mapping names, for finding its header row. */
export function classificationColumnRefs(mapping: ClassificationMapping): NamedRef[] {
  const refs: NamedRef[] = [{ path: 'mapping.area.column', ref: mapping.area.column }];
  for (const level of ['group', 'main_group'] as const) {
    const l = mapping[level];
    if (l === undefined) continue;
    refs.push({ path: `mapping.${level}.code.column`, ref: l.code.column });
    if (l.name !== undefined) refs.push({ path: `mapping.${level}.name.column`, ref: l.name.column });
  }
  return refs;
}
