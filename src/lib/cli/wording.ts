/**
 * The CLI's wording module: what `liqmap` prints about core's codes and numbers, in its tables and in its JSON
 * (whose `reason`, `message`, `suggestion`, `verdict` and `bucket` strings are part of the contract). Sentences shared
 * with the UI come from the base modules in `src/lib/wording/`.
 */
import type { Analysis } from '../core/analysis/analyze.ts';
import type { PlanWarning } from '../core/workflow/trade-plan.ts';
import { contextWords, topReasonWords } from '../wording/confluence.ts';
import { planWarningWords } from '../wording/plan.ts';

export { analysisToJson, type AnalysisJson } from '../wording/analysis-json.ts';
export { bucketLabel, verdictWords } from '../wording/calibration.ts';

/** `analyze`'s second line: the context trend in words, or why there is none. */
export const contextLine = (analysis: Analysis) => (analysis.context ? contextWords(analysis.context) : 'no higher-timeframe context (too little data)');

/** A cluster's "why" column: its three largest positive factors other than intensity, or "intensity only". */
export const clusterWhy = (cluster: Analysis['clusters'][number]) => topReasonWords(cluster, 3).join('; ') || 'intensity only';

/** A plan warning in `plan --json`: `{ code, message, suggestion }`. */
export function planWarningJson(warning: PlanWarning): { code: PlanWarning['code']; message: string; suggestion: string } {
	return { code: warning.code, ...planWarningWords(warning) };
}

/** The two lines `plan` prints for a warning. */
export const planWarningText = (warning: { message: string; suggestion: string }) => `warning: ${warning.message}\n  → ${warning.suggestion}`;
