/**
 * The command line's way into live data (`liqmap heatmap|analyze --source binanceusdm|bybit|okx|all`): the same
 * process-wide `LiveSources` and `analyzeLive()` as the JSON API, so the CLI and `/api/analysis` agree. Failures are
 * printed as one plain line naming the exchange; provenance (fetch time, model in use, open-interest span, exchanges
 * left out, per-cluster agreement) goes to stderr, keeping stdout for the command's own output.
 */
import type { Analysis } from '../core/analysis/analyze.ts';
import type { AnalysisParams } from '../core/analysis/params.ts';
import { EXCHANGE_IDS } from './exchanges.ts';
import { liveSources } from './live-sources.ts';
import { analyzeLive, type LiveSource } from './market-analysis.ts';
import { UpstreamError } from './upstream-error.ts';
import { agreementLabel } from '../wording/confluence.ts';

interface ErrorOutput {
	err: (text: string) => void;
}

export function isLiveSource(source: string): source is LiveSource {
	return source === 'all' || EXCHANGE_IDS.includes(source);
}

/** The live analysis, or null after printing why it failed. */
export async function analyzeLiveForCli(source: LiveSource, params: AnalysisParams, io: ErrorOutput): Promise<Analysis | null> {
	try {
		const result = await analyzeLive(source, params, liveSources());
		for (const meta of result.sources) {
			const oi = meta.openInterest;
			const coverage = oi ? `open interest on ${oi.openInterestCandles}/${oi.candles} candles${oi.note ? ` (${oi.note})` : ''}` : '';
			const fallback = meta.fallback ? ` · serving older data: ${meta.fallback.message}` : '';
			io.err(`source: ${meta.name} ${meta.symbol} · fetched ${meta.fetchedAt} · model: ${meta.modelKind} · ${coverage}${meta.stale ? ' · STALE' : ''}${fallback}`);
		}
		for (const failed of result.failed) io.err(`left out: ${failed.error.message}`);
		for (const agreement of result.agreement ?? [])
			io.err(`agreement: ${agreement.side} ${Math.round(agreement.low)}–${Math.round(agreement.high)}: ${agreementLabel(agreement.exchanges, agreement.total)}`);
		return result.analysis;
	} catch (error) {
		if (!(error instanceof UpstreamError)) throw error;
		io.err(`liqmap: ${error.message}`);
		return null;
	}
}
