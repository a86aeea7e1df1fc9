/**
 * The chart's note on candles the server read from its recording (`recordedCandleNotes`): one exchange shows the
 * server's own note; several are summed up in one line (three long notes would cover the chart).
 * Expected strings: the fields below, formatted as the function says (ISO minute, counts per exchange in order).
 */
import { describe, expect, it } from 'vitest';
import type { SourceMeta } from '../../src/lib/api-types.ts';
import { recordedCandleNotes } from '../../src/lib/state/live-source.svelte.ts';

const meta = (name: string, recordedCandles?: SourceMeta['recordedCandles']): SourceMeta => ({
	id: name.toLowerCase(),
	name,
	symbol: 'BTC/USDT:USDT',
	live: true,
	fetchedAt: null,
	ageMs: null,
	dataEnd: '2026-01-10T00:00:00.000Z',
	stale: false,
	staleAfterMs: 7_200_000,
	fallback: null,
	modelKind: null,
	openInterest: null,
	...(recordedCandles && { recordedCandles })
});

const span = (from: string, to: string, candles: number, note: string) => ({ from, to, candles, note });

describe('recordedCandleNotes', () => {
	it("shows one exchange's own note, and nothing without a recording", () => {
		const note = 'candles 2026-01-03 00:00 → 2026-01-09 17:00 UTC read from the recording (162 candles), 2026-01-09 18:00 → 2026-01-09 23:00 UTC from Bybit (6)';
		expect(recordedCandleNotes([meta('Bybit', span('2026-01-03T00:00:00.000Z', '2026-01-09T17:00:00.000Z', 162, note))])).toEqual([note]);
		expect(recordedCandleNotes([meta('Bybit')])).toEqual([]);
		expect(recordedCandleNotes([meta('Binance'), meta('Bybit'), meta('OKX')])).toEqual([]);
	});

	it('sums several exchanges up in one line: earliest to latest recorded candle, each one that used the recording', () => {
		const notes = recordedCandleNotes([
			meta('Binance', span('2026-01-03T00:00:00.000Z', '2026-01-09T17:00:00.000Z', 162, 'long note')),
			meta('Bybit'),
			meta('OKX', span('2026-01-03T00:00:00.000Z', '2026-01-09T20:00:00.000Z', 1165, 'long note'))
		]);
		expect(notes).toEqual(['candles 2026-01-03 00:00 → 2026-01-09 20:00 UTC read from the recording (Binance 162, OKX 1,165), the newer ones from the exchanges']);
	});
});
