// The JSON contract between the dashboard's HTTP API and its React UI lives with the code that composes
// the answers (@malkoll/answers); the UI imports it from here (types only: nothing reaches the bundle).
export type * from '@malkoll/answers/api-types';
