/** The worker's transfer format: an analysis packed into typed arrays and unpacked again equals the original. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { decodeCandlePack } from '../../src/lib/core/market/candle-pack.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { packAnalysis, unpackAnalysis } from '../../src/lib/workers/analysis-pack.ts';

const candles = decodeCandlePack(JSON.parse(readFileSync('static/data/bybit-btcusdt-perp-5m.json', 'utf8')));

describe('analysis packing', () => {
	it('round-trips an analysis with its history grid, and lists every buffer once', () => {
		const analysis = analyze({ candles }, { ...defaultAnalysisParams(), timeframe: '1h', lookbackDays: 7, history: true });
		const { packed, transfer } = packAnalysis(analysis);
		expect(new Set(transfer).size).toBe(transfer.length);
		expect(transfer.length).toBeGreaterThanOrEqual(15);
		// Structured clone (what postMessage does), then unpack.
		const back = unpackAnalysis(structuredClone(packed));
		expect(back).toEqual(analysis);
	});

	it('keeps the previous candle and indicator arrays when only the model changed, and rebuilds them otherwise', () => {
		const params = { ...defaultAnalysisParams(), timeframe: '1h' as const, lookbackDays: 7 };
		const first = unpackAnalysis(structuredClone(packAnalysis(analyze({ candles }, params)).packed));
		// A leverage change: same candles, RSI and volume SMA; another map.
		const tiers = params.model.tiers.map((tier) => (tier.leverage === 100 ? { ...tier, enabled: false } : tier));
		const modelChange = analyze({ candles }, { ...params, model: { ...params.model, tiers } });
		const second = unpackAnalysis(structuredClone(packAnalysis(modelChange).packed), first);
		expect(second.candles).toBe(first.candles);
		expect(second.rsi).toBe(first.rsi);
		expect(second.volumeSma).toBe(first.volumeSma);
		expect(second).toEqual(modelChange);
		// Other candles (the window an hour earlier): new arrays, equal to a fresh unpack.
		const earlier = analyze({ candles: candles.slice(0, -12) }, params);
		const third = unpackAnalysis(structuredClone(packAnalysis(earlier).packed), second);
		expect(third.candles).not.toBe(second.candles);
		expect(third.rsi).not.toBe(second.rsi);
		expect(third).toEqual(earlier);
	});
});

