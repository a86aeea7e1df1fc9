/**
 * The embedded sample's candles of the opening view, fetched and decoded on the page while the analysis worker starts
 * (its script loads, then it fetches the same file): the chart draws them before the first analysis arrives, which
 * then brings the same candles (`windowCandles`, as `analyze()` cuts them), so the chart keeps them as they are.
 */
import { windowCandles } from '$lib/core/analysis/analyze.ts';
import { decodeCandlePack, type CandlePack } from '$lib/core/market/candle-pack.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';

/** The candles, or null when the file cannot be had or read (the worker then reports the problem). */
export async function samplePreview(
	url: string,
	timeframe: Timeframe,
	lookbackDays: number,
	fetcher: typeof fetch = fetch
): Promise<Candle[] | null> {
	try {
		const response = await fetcher(url);
		if (!response.ok) return null;
		return windowCandles(decodeCandlePack((await response.json()) as CandlePack), timeframe, lookbackDays);
	} catch {
		return null;
	}
}
