/**
 * The derivatives sentences of checklist steps 1 and 6 (`src/lib/wording/derivatives.ts`, `checklist.ts`), on
 * hand-picked readings; amounts through the app's one USDT format (`formatUsd`: "$8.00B", "$60.0k").
 */
import { describe, expect, it } from 'vitest';
import {
	fundingWords,
	oiIntoClusterWords,
	openInterestWords,
	realisedSpikeWords,
	spanWords
} from '../../src/lib/wording/derivatives.ts';

const HOUR = 3_600_000;

describe('derivatives wording', () => {
	it('funding per 8 h and a year, the crowded side when extreme', () => {
		// 0.0006 × 100 = 0.0600 %; × 1095 = 65.70 % a year
		expect(fundingWords({ code: 'funding', time: 0, rate: 0.0006, annualisedPct: 65.7, extreme: true, crowded: 'long' })).toBe(
			'funding +0.0600 % per 8 h (+65.70 % a year): extreme, longs crowded (longs pay shorts)'
		);
		expect(fundingWords({ code: 'funding', time: 0, rate: -0.0008, annualisedPct: -87.6, extreme: true, crowded: 'short' })).toBe(
			'funding −0.0800 % per 8 h (−87.60 % a year): extreme, shorts crowded (shorts pay longs)'
		);
		expect(fundingWords({ code: 'funding', time: 0, rate: 0.0001, annualisedPct: 10.95, extreme: false, crowded: null })).toBe(
			'funding +0.0100 % per 8 h (+10.95 % a year): not extreme (under ±0.05 %)'
		);
		expect(fundingWords({ code: 'no-derivatives' })).toBe('funding: no derivatives data for this source');
		expect(fundingWords({ code: 'no-readings' })).toBe('funding: no reading yet');
	});

	it('the open-interest trend with its span and amounts', () => {
		expect(
			openInterestWords({ code: 'oi-trend', from: 0, to: 24 * HOUR, fromValue: 8e9, toValue: 8.2e9, changePct: 2.5, trend: 'rising', windowMs: 24 * HOUR })
		).toBe('open interest rising +2.5 % over 24 h ($8.00B → $8.20B)');
		expect(
			openInterestWords({ code: 'oi-trend', from: 0, to: 6 * HOUR, fromValue: 1e9, toValue: 1.004e9, changePct: 0.4, trend: 'flat', windowMs: 6 * HOUR })
		).toBe('open interest flat +0.4 % over 6 h ($1.00B → $1.00B, within ±1 %)');
		expect(openInterestWords({ code: 'no-readings' })).toBe('open interest: not enough readings yet for a trend');
		expect([spanWords(45 * 60_000), spanWords(6 * HOUR), spanWords(144 * HOUR)]).toEqual(['45 min', '6 h', '6 d']);
	});

	it('OI into the cluster and realised spikes, with their figures', () => {
		expect(oiIntoClusterWords({ code: 'oi-into-cluster', met: true, bars: 12, oiChangePct: 1.25, priceChangePct: 0.8123, toward: true })).toBe(
			'OI rising into it: yes (OI +1.3 %, price +0.81 % toward it over the last 12 bars)'
		);
		expect(oiIntoClusterWords({ code: 'oi-into-cluster', met: false, bars: 12, oiChangePct: 2, priceChangePct: -0.3, toward: false })).toBe(
			'OI rising into it: no (OI +2.0 %, price −0.30 % not toward it over the last 12 bars)'
		);
		expect(oiIntoClusterWords({ code: 'no-readings', bars: 12 })).toBe('OI rising into it: no open-interest readings in the last 12 bars');
		expect(
			realisedSpikeWords({ code: 'realised-spike', met: true, side: 'short', recentBars: 3, baselineBars: 48, recentPerBar: 60_000, baselinePerBar: 10_000, ratio: 6 })
		).toBe('realised short liquidations spiking: yes ($60.0k per bar over the last 3 bars vs $10.0k over the 48 before, 6.0×)');
		expect(realisedSpikeWords({ code: 'realised-spike', met: true, side: 'long', recentBars: 3, baselineBars: 20, recentPerBar: 5_000, baselinePerBar: 0, ratio: null })).toBe(
			'realised long liquidations spiking: yes ($5.00k per bar over the last 3 bars vs $0 over the 20 before, none before)'
		);
		expect(realisedSpikeWords({ code: 'too-little-history', side: 'short', baselineBars: 5, needed: 12 })).toBe(
			'realised short liquidations spiking: too little history (5 of the 12 baseline bars since the first print)'
		);
	});
});
