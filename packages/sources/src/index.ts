export {
  type AreaKind,
  type AreaResolver,
  cleanAreaText,
  createAreaResolver,
  isAreaSummaryText,
  isPublicAreaName,
  type RegisterArea,
} from './areas/resolve.ts';
export {
  type ClassificationMapping,
  classificationMappingSchema,
} from './classification/definition-classification.ts';
export type { ClassificationPreview } from './classification/preview-classification.ts';
export {
  type ClassificationRead,
  type ClassifiedGroup,
  type ClassifiedMember,
  readClassification,
} from './classification/read-classification.ts';
export { CsvReadError } from './csv/errors.ts';
export {
  dayPeriod,
  halfYearPeriod,
  monthPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  quarterPeriod,
  tertialPeriod,
  yearPeriod,
} from './csv/period.ts';
export { type ReadOptions, readCsv } from './csv/read-csv.ts';
export { findOversizedLine, MAX_SAMPLE_COLUMNS } from './csv/sample-bounds.ts';
export {
  type NumberOptions,
  type NumberResult,
  parseSwedishNumber,
  type ValueNote,
} from './csv/swedish-number.ts';
export {
  decodeWholeText,
  splitTextRows,
  type TextRow,
  type TextRows,
  type WholeText,
} from './csv/text-rows.ts';
export type {
  Fact,
  NewIndicator,
  ReadBatch,
  ReadContext,
  ReadSummary,
  Rejection,
  Skip,
} from './csv/types.ts';
export type {
  CsvSourceDefinition,
  KoladaSourceDefinition,
  ScbSourceDefinition,
  SourceKind,
  SurveySourceDefinition,
} from './definition.ts';
export {
  type ColumnRef,
  type FieldRef,
  loadSourceDefinitionText,
  type Mapping,
  parseCsvSourceDefinition,
  parseSourceDefinition,
  type SourceDefinition,
  type SourceDefinitionInput,
  sourceDefinitionSchema,
} from './definition.ts';
export {
  type ColumnRole,
  DetectError,
  type DetectedColumn,
  type Detection,
  type DetectNeed,
  type DetectOptions,
  type DetectProblem,
  type DetectProblemKind,
  type DetectRegister,
  detectDefinition,
  explainDetectProblem,
  idFromFileName,
  PROFILE_NAMES,
  type ProfileName,
  recogniseProfile,
  slugify,
} from './detect/detect-definition.ts';
export { applyFileConstants, type FileConstants } from './detect/file-constants.ts';
export { type Preview, previewContext, previewCsv } from './detect/preview.ts';
export {
  assessFreshness,
  dueDate,
  type ExpectedPeriod,
  type Freshness,
  type FreshnessRule,
  type FreshnessState,
} from './freshness.ts';
export * from './http/recorded.ts';
export * from './http/transport.ts';
export { indicatorKeyForLabel, joinLabels } from './indicator-keys.ts';
export * from './kolada/client.ts';
export * from './kolada/map.ts';
export { DEFAULT_MAX_REJECTED_SHARE, judgeRejections, type RejectionVerdict } from './policy.ts';
export { recordSourceResponses } from './record.ts';
export * from './scb/client.ts';
export * from './scb/json-stat.ts';
export * from './scb/map.ts';
export {
  checkSourceDefinition,
  type DefinitionProblem,
} from './steward/definition-problems.ts';
export { refuseBinaryUpload } from './steward/sniff.ts';
export * from './survey/compute.ts';
export * from './survey/read-survey.ts';
