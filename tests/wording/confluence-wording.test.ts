/**
 * The confluence sentences (`src/lib/wording/confluence.ts`): every factor reason code, S/R reasons and zone labels,
 * the context trend, reactions and agreement. The expected strings are those core produced before it returned codes;
 * the numbers are chosen by hand in each case.
 */
import { describe, expect, it } from 'vitest';
import type { FactorReason } from '../../src/lib/core/confluence/factors.ts';
import type { SrLevel, SrZone } from '../../src/lib/core/confluence/support-resistance.ts';
import {
	agreementLabel,
	contextWords,
	factorReasonWords,
	levelWords,
	reactionWords,
	zoneLabel,
	zoneReasonWords
} from '../../src/lib/wording/confluence.ts';

const at = (iso: string) => Date.parse(`${iso}Z`);
const swingHigh: SrLevel = { price: 110, source: 'swing-high', time: at('2025-06-30T14:00') };
const rangeTop: SrLevel = { price: 111, source: 'range-top', time: at('2025-06-28T02:00'), endTime: at('2025-06-29T10:00') };
const priorWeek: SrLevel = { price: 110.2, source: 'prior-week-high', time: at('2025-06-23T00:00') };
const zone = (levels: SrLevel[], rejections = 0): SrZone => ({
	low: 109,
	high: 112,
	price: 110,
	levels,
	touches: 4,
	rejections,
	ageBars: 10,
	strength: 0.62,
	reasons: [...levels.map((level) => ({ code: 'level' as const, level })), ...(rejections ? [{ code: 'rejections' as const, count: rejections }] : [])]
});

describe('S/R wording', () => {
	it('names each level with its date (UTC, no year) and counts rejections', () => {
		expect(levelWords(priorWeek)).toBe('prior-week high');
		expect(levelWords({ ...priorWeek, source: 'prior-day-low' })).toBe('prior-day low');
		expect(levelWords(swingHigh)).toBe('swing high 06-30 14:00');
		expect(levelWords(rangeTop)).toBe('top of range 06-28 02:00 → 06-29 10:00');
		expect(levelWords({ ...rangeTop, source: 'range-bottom' })).toBe('bottom of range 06-28 02:00 → 06-29 10:00');
		expect(zoneReasonWords(zone([priorWeek, swingHigh], 3))).toEqual(['prior-week high', 'swing high 06-30 14:00', '3 rejections']);
		expect(zoneReasonWords(zone([priorWeek], 1))).toEqual(['prior-week high', '1 rejection']);
	});

	it('labels a zone on the chart by its strongest level without dates, and how many more', () => {
		expect(zoneLabel(zone([priorWeek, swingHigh, rangeTop]))).toBe('prior-week high +2');
		expect(zoneLabel(zone([rangeTop]))).toBe('range top');
		expect(zoneLabel(zone([swingHigh, rangeTop]))).toBe('swing high +1');
	});
});

describe('factor reason wording', () => {
	const cases: [FactorReason, string][] = [
		[{ code: 'intensity', intensity: 0.736, percentile: 97.6 }, 'intensity 74 % of the peak (percentile 98)'],
		[{ code: 'sr-none' }, 'no S/R level: likely wick-through'],
		[{ code: 'sr-zone', reasons: zone([priorWeek, swingHigh]).reasons, strength: 0.62 }, 'on prior-week high, swing high 06-30 14:00 (strength 62 %)'],
		[{ code: 'volume-rising', volumeRatio: 1.54 }, 'volume rising into it (1.5× the prior average)'],
		[{ code: 'volume-average', volumeRatio: 1.04 }, 'price approaching on average volume (1.0×)'],
		[{ code: 'volume-thin', volumeRatio: null }, 'approaching on thin volume (n/a)'],
		[{ code: 'moving-away' }, 'price moving away from it'],
		[{ code: 'divergence-none', direction: 'bullish', bars: 30 }, 'no bullish RSI divergence in the last 30 bars'],
		[{ code: 'divergence', kind: 'hidden', direction: 'bearish', barsAgo: 1 }, 'hidden bearish RSI divergence 1 bar ago'],
		[{ code: 'divergence', kind: 'regular', direction: 'bullish', barsAgo: 0 }, 'bullish RSI divergence on the last bar'],
		[{ code: 'structure-none' }, 'no structure break yet'],
		[{ code: 'structure', kind: 'BOS', direction: 'up', barsAgo: 2, toward: true }, 'BOS up 2 bars ago'],
		[{ code: 'structure', kind: 'CHoCH', direction: 'down', barsAgo: 12, toward: false }, 'CHoCH down 12 bars ago: away from it'],
		[{ code: 'context-none' }, 'no higher-timeframe context'],
		[{ code: 'context', timeframe: '4h', trend: 'up', toward: true }, '4h trend up: toward it'],
		[{ code: 'context', timeframe: '1d', trend: 'down', toward: false }, '1d trend down: away from it'],
		[{ code: 'context', timeframe: '1h', trend: 'range', toward: false }, '1h trend range'],
		[{ code: 'reach-none' }, 'ATR not yet defined'],
		[{ code: 'reach', distanceAtr: 2.04, rangeAtr: 3.46 }, '2.0 ATR away, within the recent 3.5-ATR range'],
		[{ code: 'reach', distanceAtr: 5, rangeAtr: 3.5 }, '5.0 ATR away, beyond the recent 3.5-ATR range'],
		[{ code: 'stacked', neighbours: 2 }, 'stacked with 2 nearby clusters'],
		[{ code: 'isolated' }, 'small isolated zone: likely noise'],
		[{ code: 'single' }, 'single cluster'],
		[{ code: 'agreement', count: 2, total: 3, exchanges: ['Binance', 'OKX'] }, 'seen on 2/3 exchanges (Binance, OKX)']
	];
	it.each(cases)('%o → %s', (reason, words) => {
		expect(factorReasonWords(reason)).toBe(words);
	});

	it('agreement labels: all, one, some, none', () => {
		expect(agreementLabel(['Binance', 'Bybit', 'OKX'], 3)).toBe('3/3 exchanges');
		expect(agreementLabel(['Bybit'], 3)).toBe('Bybit only');
		expect(agreementLabel(['Binance', 'OKX'], 3)).toBe('2/3 exchanges (Binance, OKX)');
		expect(agreementLabel([], 3)).toBe('sum only');
	});
});

describe('context and reaction wording', () => {
	it('says what the higher-timeframe trend rests on', () => {
		const event = { index: 40, time: at('2025-06-30T08:00'), kind: 'BOS' as const, direction: 'up' as const, level: 108_000, swingIndex: 30, swingTime: 0 };
		const trend = { timeframe: '4h' as const, trend: 'up' as const, structureTrend: 'up' as const, emaLength: 50, lastEvent: event };
		expect(contextWords({ ...trend, emaSlopePct: 0.0512, emaVote: 'up' })).toBe('4h trend up: BOS up 06-30 08:00, EMA(50) rising 0.051 %/bar');
		expect(contextWords({ ...trend, trend: 'range', lastEvent: null, emaSlopePct: -0.004, emaVote: null })).toBe(
			'4h trend range: no structure break, EMA(50) flat -0.004 %/bar'
		);
		expect(contextWords({ ...trend, emaLength: 12, emaSlopePct: null, emaVote: null })).toBe('4h trend up: BOS up 06-30 08:00, too few candles for EMA(12)');
	});

	it('describes each reaction with its level (0.1 USDT) and the sweep time', () => {
		const sweep = { side: 'long' as const, level: 104_812.46, time: at('2025-06-30T14:00'), notional: 2e6 };
		expect(reactionWords({ ...sweep, kind: 'false-break' })).toBe('false break below 104,812.5 at 06-30 14:00: longs swept, closed back');
		expect(reactionWords({ ...sweep, kind: 'reclaim' })).toBe('reclaim of 104,812.5 after the long sweep at 06-30 14:00');
		expect(reactionWords({ ...sweep, side: 'short', kind: 'hold-and-retest' })).toBe('break above 104,812.5 at 06-30 14:00, retested and held');
	});
});
