import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../src/lib/core/analysis/params.ts';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { candleChange } from '../src/lib/chart/candle-change.ts';
import { samplePreview } from '../src/lib/state/sample-preview.ts';

const SAMPLE = 'static/data/bybit-btcusdt-perp-5m.json';
const sampleText = readFileSync(SAMPLE, 'utf8');
const serve = (body: string, status = 200) => (async () => new Response(body, { status })) as typeof fetch;

describe('the sample’s candles drawn before the first analysis', () => {
	it('are the candles the first analysis brings, so the chart keeps them (candleChange: same)', async () => {
		const params = defaultAnalysisParams(); // the opening view: 15m, 30 days
		const preview = await samplePreview('/data/sample.json', params.timeframe, params.lookbackDays, serve(sampleText));
		const analysis = analyze({ candles: decodeCandlePack(JSON.parse(sampleText) as CandlePack) }, params);
		// 30 days of 15m candles: 30 × 96 = 2,880.
		expect(preview).toHaveLength(2_880);
		expect(preview).toEqual(analysis.candles);
		expect(candleChange(preview ?? [], analysis.candles)).toEqual({ kind: 'same' });
	});

	it('are null when the file cannot be had or read (the worker reports the problem)', async () => {
		expect(await samplePreview('/data/sample.json', '15m', 30, serve('not found', 404))).toBeNull();
		expect(await samplePreview('/data/sample.json', '15m', 30, serve('{"t": [1]}'))).toBeNull();
	});
});
