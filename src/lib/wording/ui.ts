/**
 * The UI's wording module: everything the components, the chart's labels and the exported image say about core's
 * codes and numbers. Most sentences are shared with the CLI (the base modules beside this one); what only the page
 * says is here.
 */
import type { Calibration } from '../core/calibration/calibration.ts';
import type { ContextTrend } from '../core/confluence/context.ts';
import { verdictWords } from './calibration.ts';
import { contextWords } from './confluence.ts';

export {
	FACTOR_LABELS,
	agreementLabel,
	contextBasisWords,
	contextWords,
	factorReasonWords,
	topReasonWords,
	zoneLabel,
	zoneReasonWords
} from './confluence.ts';
export { PRESET_LABELS, STEP_TITLES, checklistStepWords, type StepWords } from './checklist.ts';
export { planFixSteps, planWarningLine, planWarningWords } from './plan.ts';
export { bucketLabel, verdictWords } from './calibration.ts';

/** The verdict as a sentence for the History check panel: capitalised, with a full stop. */
export function verdictSentence(calibration: Pick<Calibration, 'verdict'>): string {
	const words = verdictWords(calibration.verdict);
	return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/** The header's context tooltip ("4h trend up: BOS up 06-30 08:00, …"); none without a context. */
export const contextTooltip = (context: ContextTrend | null | undefined) => (context ? contextWords(context) : undefined);
