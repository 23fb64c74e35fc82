import { readFile } from 'node:fs/promises';
import { type PlanDefinition, parsePlanDefinition } from '@malkoll/goals/plan-definition';
import { loadSourceDefinitionText, type SourceDefinition } from '@malkoll/sources';
import { parse as parseYaml } from 'yaml';

export async function readSourceFile(file: string): Promise<SourceDefinition> {
  const text = await readFile(file, 'utf8');
  try {
    return loadSourceDefinitionText(text, file);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

export async function readPlanFile(file: string): Promise<PlanDefinition> {
  const text = await readFile(file, 'utf8');
  try {
    return parsePlanDefinition(file.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
