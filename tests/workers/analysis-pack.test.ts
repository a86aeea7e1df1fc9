/** The worker's transfer format: an analysis packed into typed arrays and unpacked again equals the original. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analyze.ts';
import { decodeCandlePack } from '../../src/lib/core/candle-pack.ts';
import { defaultAnalysisParams } from '../../src/lib/core/params.ts';
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
});
