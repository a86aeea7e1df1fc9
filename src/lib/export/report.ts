/**
 * The text of an exported chart image, separate from drawing it: the file name, the header (symbol, source,
 * timeframe, UTC time of the last candle, model settings), labels for the top clusters (side, score, distance), the
 * checklist summary, the plan with its numbers and warnings, and the disclaimer. Pure, so it can be tested without a
 * browser.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { ChecklistResult, StepStatus } from '$lib/core/workflow/checklist.ts';
import { DEFAULT_CONTEXT } from '$lib/core/confluence/context.ts';
import type { ScaleMode, ViewParams } from '$lib/core/analysis/params.ts';
import type { TradePlan } from '$lib/core/workflow/trade-plan.ts';
import { formatPrice, formatUsd, formatUtc } from '$lib/format.ts';
import type { ChecklistNotes } from '$lib/state/journal-codec.ts';
import { clusterLabel, topClusters, type ClusterLabel } from './cluster-labels.ts';
import { STEP_TITLES, checklistStepWords, planWarningWords } from '$lib/wording/ui.ts';

export { clusterLabel, topClusters, type ClusterLabel } from './cluster-labels.ts';

export const DISCLAIMER = 'Estimate of liquidation risk from a model, not a record of positions; not financial advice.';

export interface ReportLine {
	text: string;
	/** Step status (checklist lines) or a warning (plan lines). */
	tone: StepStatus | 'plain';
}

export interface ExportReport {
	fileName: string;
	title: string;
	subtitle: string;
	model: string;
	clusterLabels: ClusterLabel[];
	checklist: ReportLine[];
	plan: ReportLine[];
	disclaimer: string;
}

export interface ReportInput {
	symbol: string;
	/** "Bybit historical sample" or the exchange's name. */
	sourceName: string;
	analysis: Analysis;
	view: ViewParams;
	checklist: ChecklistResult;
	notes: ChecklistNotes;
	plan: TradePlan | null;
	/** Stale-data reason, e.g. "historical sample, not live"; null when fresh. */
	staleReason: string | null;
	/** How many cluster labels (the highest scores). */
	labelCount?: number;
	/** When the image is made (ms, UTC): in the file name, so repeated exports never collide. */
	exportedAt: number;
	/** Leave out the account's figures (account size, risk amount, position size and notional) for publishing. */
	hideAccount?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `btc-liquidation-<timeframe>-<YYYYMMDD-HHMM>-<HHMMSS>.png`: the last candle's open, then the time of the export
 * (both UTC), so two exports of the same candle get two names.
 */
export function exportFileName(timeframe: string, lastTime: number, exportedAt: number): string {
	const d = new Date(lastTime);
	const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
	const e = new Date(exportedAt);
	return `btc-liquidation-${timeframe}-${stamp}-${pad(e.getUTCHours())}${pad(e.getUTCMinutes())}${pad(e.getUTCSeconds())}.png`;
}

const scaleNames: Record<ScaleMode, string> = { max: 'linear (max)', percentile: 'percentile', log: 'log' };

export function modelSettings(analysis: Analysis, view: ViewParams): string {
	const { model, lookbackDays, contextTimeframe, timeframe } = view.analysis;
	const tiers = model.tiers
		.filter((t) => t.enabled)
		.map((t) => `${t.leverage}x ${t.weight}%`)
		.join(' ');
	return [
		`Model: ${analysis.modelKind === 'open-interest' ? 'open interest' : 'volume proxy'}`,
		`tiers ${tiers}`,
		`participation ${Math.round(model.participation * 100)}%`,
		`decay ${model.decayHalfLifeHours === null ? 'off' : `${model.decayHalfLifeHours} h`}`,
		`lookback ${lookbackDays} d`,
		`bins ${analysis.map.binWidth ? formatUsd(analysis.map.binWidth) : 'auto'}`,
		`clusters ≥ ${Math.round(model.clusterThreshold * 100)}%`,
		`scale ${scaleNames[view.display.scale]}`,
		`context ${contextTimeframe ?? DEFAULT_CONTEXT[timeframe]}`
	].join(' · ');
}



const statusMark: Record<StepStatus, string> = { pass: 'OK', warn: 'CHECK', info: 'INFO', block: 'BLOCKED' };

export function buildReport(input: ReportInput): ExportReport {
	const { analysis, view, checklist, notes, plan } = input;
	const labelCount = input.labelCount ?? 4;
	const top = topClusters(analysis.clusters, labelCount);
	const lines: ReportLine[] = checklist.steps.map((step, i) => ({
		text: `${notes.ticks[i] ? '☑' : '☐'} ${step.step}. ${STEP_TITLES[step.step]} [${statusMark[step.status]}]: ${checklistStepWords(step).summary}${notes.notes[i].trim() ? ` — note: ${notes.notes[i].trim().replace(/\s+/g, ' ')}` : ''}`,
		tone: step.status
	}));
	const planLines: ReportLine[] = [];
	const evaluation = checklist.plan;
	if (plan && evaluation) {
		planLines.push({
			text: `${plan.side === 'long' ? 'Long' : 'Short'} · entry ${formatPrice(plan.entry)} · stop ${formatPrice(plan.stop)} · target${plan.targets.length > 1 ? 's' : ''} ${plan.targets.map((t) => formatPrice(t)).join(' / ')}`,
			tone: 'plain'
		});
		planLines.push({
			text: input.hideAccount
				? `Risk ${plan.riskPct} % of the account · ${plan.leverage}x ${plan.marginMode} (account figures hidden)`
				: `Size ${evaluation.size.toFixed(4)} BTC · notional ${formatUsd(evaluation.notional)} · risk ${formatUsd(evaluation.riskAmount)} (${plan.riskPct} % of ${formatUsd(plan.accountSize)}) · ${plan.leverage}x ${plan.marginMode}`,
			tone: 'plain'
		});
		planLines.push({
			text: `R/R ${evaluation.riskReward.map((r) => r.toFixed(2)).join(' / ')} · own liquidation ${evaluation.liquidationPrice > 0 ? formatPrice(evaluation.liquidationPrice) : 'n/a'} · stop-to-liquidation buffer ${evaluation.stopToLiquidationPct.toFixed(2)} %`,
			tone: 'plain'
		});
		if (evaluation.warnings.length === 0) planLines.push({ text: 'No risk warnings.', tone: 'pass' });
		for (const warning of evaluation.warnings) {
			// The one warning that quotes the account's size says so in general words when the figures are hidden.
			const words = planWarningWords(warning);
			const message = input.hideAccount && warning.code === 'margin-exceeds-account' ? 'the position needs more margin than the account holds' : words.message;
			planLines.push({ text: `⚠ ${message} → ${words.suggestion}`, tone: 'warn' });
		}
	} else {
		planLines.push({ text: 'No plan written.', tone: 'info' });
	}
	return {
		fileName: exportFileName(analysis.timeframe, analysis.lastTime, input.exportedAt),
		title: `${input.symbol} Perp · ${input.sourceName} · ${analysis.timeframe}`,
		subtitle: `Last candle ${formatUtc(analysis.lastTime)} · close ${formatPrice(analysis.lastClose)}${input.staleReason ? ` · ${input.staleReason}` : ''}`,
		model: modelSettings(analysis, view),
		clusterLabels: top.map(clusterLabel),
		checklist: lines,
		plan: planLines,
		disclaimer: DISCLAIMER
	};
}
