/**
 * Words for the seven checklist steps (`core/workflow/checklist.ts`): each step's title, a one-line summary with its
 * numbers, and detail lines. The UI, the exported image and the CLI show these same sentences.
 */
import type { ScoredCluster } from '../core/confluence/confluence.ts';
import type { ChecklistStep, Confirmation, WorkflowPreset } from '../core/workflow/checklist.ts';
import { contextWords, reactionWords, zoneReasonWords } from './confluence.ts';
import { NO_DERIVATIVES, fundingWords, oiIntoClusterWords, openInterestWords, realisedSpikeWords } from './derivatives.ts';
import { planWarningLine } from './plan.ts';
import { millionsUsd, ratioText, shortTime, wholePrice, wholeRange } from './words.ts';

export interface StepWords {
	title: string;
	summary: string;
	details: string[];
}

export const STEP_TITLES: Readonly<Record<ChecklistStep['step'], string>> = {
	1: 'Context',
	2: 'Nearest bright clusters',
	3: 'Support / resistance alignment',
	4: 'Vulnerable side',
	5: 'Distance',
	6: 'Confirmations',
	7: 'Plan'
};

/** The workflow presets' names. */
export const PRESET_LABELS: Readonly<Record<WorkflowPreset['id'], string>> = { scalp: 'Scalp', intraday: 'Intraday', swing: 'Swing' };

/** Signed distance in % and ATR: "+1.37 % (2.1 ATR)". */
export const clusterDistance = (c: Pick<ScoredCluster, 'distancePct' | 'distanceAtr'>) =>
	`${c.distancePct >= 0 ? '+' : '−'}${Math.abs(c.distancePct).toFixed(2)} % (${c.distanceAtr === null ? 'n/a' : `${Math.abs(c.distanceAtr).toFixed(1)} ATR`})`;

function confirmationWords(confirmation: Confirmation, cluster: ScoredCluster): string {
	const yes = confirmation.met ? 'yes' : 'no';
	switch (confirmation.code) {
		case 'volume-into-zone':
			return `volume rising into ${wholeRange(cluster)}: ${yes} (${ratioText(confirmation.volumeRatio)} the prior average)`;
		case 'divergence-toward': {
			const d = confirmation.divergence;
			return `RSI divergence toward it: ${d ? `yes, ${d.kind} ${d.direction} at ${shortTime(d.confirmedTime)}` : 'no'}`;
		}
		case 'structure-toward': {
			const e = confirmation.event;
			return `BOS/CHoCH toward it: ${confirmation.met && e ? `yes, ${e.kind} ${e.direction} through ${wholePrice(e.level)}` : e ? `no (last: ${e.kind} ${e.direction})` : 'no'}`;
		}
		case 'reaction':
			return `reaction at a cluster: ${confirmation.met ? `yes, ${confirmation.reactions.map(reactionWords).join('; ')}` : 'no'}`;
		case 'oi-into-cluster':
			return oiIntoClusterWords(confirmation.reading);
		case 'realised-spike':
			return realisedSpikeWords(confirmation.reading);
	}
}

const noDerivatives = (c: Confirmation) => 'reading' in c && c.reading.code === 'no-derivatives';

/** The step's title, summary and detail lines. */
export function checklistStepWords(step: ChecklistStep): StepWords {
	const title = STEP_TITLES[step.step];
	switch (step.step) {
		case 1: {
			const { context, preset, funding, openInterest } = step;
			const crowded = funding.code === 'funding' && funding.crowded ? `; funding extreme: ${funding.crowded}s crowded` : '';
			const derivatives =
				funding.code === 'no-derivatives' && openInterest.code === 'no-derivatives'
					? [`funding and open interest: ${NO_DERIVATIVES}`]
					: [fundingWords(funding), openInterestWords(openInterest)];
			return {
				title,
				summary: context
					? `${preset ? `${PRESET_LABELS[preset.id]}: ` : ''}${step.timeframe} chart, ${context.timeframe} trend ${context.trend}${crowded}`
					: `${step.timeframe} chart: not enough data for a higher-timeframe trend${crowded}`,
				details: [...(context ? [contextWords(context), 'higher timeframe as a filter only'] : []), ...derivatives]
			};
		}
		case 2: {
			const reachable = step.clusters.filter((c) => c.reachable).length;
			return {
				title,
				summary: step.clusters.length
					? `${step.above} above, ${step.below} below; ${reachable} reachable within the recent ${step.reachAtr?.toFixed(1) ?? 'n/a'}-ATR range`
					: 'no bright cluster (intensity ≥ 50 %) on the map',
				details: step.clusters.map(
					({ cluster: c, reachable }) =>
						`${c.side} ${wholeRange(c)} · ${Math.round(c.intensity * 100)} % · ${clusterDistance(c)} · ${reachable ? 'reachable' : 'out of reach for now'}`
				)
			};
		}
		case 3:
			return {
				title,
				summary: step.clusters.length ? `${step.aligned} of ${step.clusters.length} on a level` : 'no cluster to align',
				details: step.clusters.map(
					(c) => `${wholeRange(c)}: ${c.zone ? `on ${zoneReasonWords(c.zone).slice(0, 2).join(', ')}` : 'no structure: likely wick-through'}`
				)
			};
		case 4: {
			const { strongest, brightAbove, brightBelow } = step;
			const ratio = Math.max(brightAbove, brightBelow) / Math.max(1, Math.min(brightAbove, brightBelow));
			return {
				title,
				summary: strongest
					? `${strongest.distancePct > 0 ? 'shorts' : 'longs'} at risk: strongest nearby cluster ${wholeRange(strongest)} (score ${strongest.score.toFixed(0)})`
					: 'no nearby cluster',
				details: [
					`bright notional above ${millionsUsd(brightAbove)} vs below ${millionsUsd(brightBelow)} (${ratio.toFixed(1)}× ${brightAbove >= brightBelow ? 'above' : 'below'})`
				]
			};
		}
		case 5:
			return {
				title,
				summary: step.strongest ? `strongest cluster ${clusterDistance(step.strongest)}` : 'no cluster to measure',
				details: step.clusters.map(({ cluster, flag }) => {
					const note = flag === 'late' ? ' · already at the target (late)' : flag === 'far' ? ' · far: wait for an impulse' : '';
					return `${wholeRange(cluster)}: ${clusterDistance(cluster)}${note}`;
				})
			};
		case 6: {
			const cluster = step.cluster;
			if (!cluster) return { title, summary: 'no cluster to confirm', details: [] };
			const measured = step.confirmations.filter((c) => !noDerivatives(c));
			const missing = step.confirmations.length > measured.length ? [`OI rising into it, realised liquidations spiking: ${NO_DERIVATIVES}`] : [];
			return {
				title,
				summary: `${step.confirmed} of ${step.total} confirmations for ${wholeRange(cluster)}`,
				details: [...measured.map((c) => confirmationWords(c, cluster)), ...missing]
			};
		}
		case 7: {
			const evaluation = step.evaluation;
			return {
				title,
				summary: evaluation
					? `${step.side} ${evaluation.size.toFixed(4)} BTC, R/R ${evaluation.riskReward.map((r) => r.toFixed(2)).join(' / ') || 'n/a'}, liquidation ${wholePrice(evaluation.liquidationPrice)}`
					: 'write the plan: entry, stop, targets',
				details: evaluation ? evaluation.warnings.map(planWarningLine) : []
			};
		}
	}
}
