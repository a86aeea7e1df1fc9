/**
 * Words for the derivatives readings of the checklist (`core/workflow/derivatives.ts`): funding per 8 h and
 * annualised, the crowded side, the open-interest trend, OI into the cluster, realised liquidation spikes. A source
 * without derivatives says so; nothing is made up.
 */
import type { FundingReading, OiIntoCluster, OpenInterestTrend, RealisedSpike } from '../core/workflow/derivatives.ts';
import { FUNDING_EXTREME, OI_FLAT_PCT } from '../core/workflow/derivatives.ts';
import { formatUsd } from '../format.ts';
import { ratioText } from './words.ts';

export const NO_DERIVATIVES = 'no derivatives data for this source';

const signed = (value: number, decimals: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(decimals)}`;

/** A funding rate (fraction per 8 h) in percent with four decimals: "+0.0100 %". */
export const fundingPct = (rate: number) => `${signed(rate * 100, 4)} %`;

/** A span of time in hours or days: "45 min", "6 h", "1.5 d". */
export function spanWords(ms: number): string {
	const hours = ms / 3_600_000;
	if (hours < 1) return `${Math.round(hours * 60)} min`;
	return hours >= 48 ? `${+(hours / 24).toFixed(1)} d` : `${+hours.toFixed(1)} h`;
}

/** "funding +0.0600 % per 8 h (+65.70 % a year): extreme, longs crowded (longs pay shorts)". */
export function fundingWords(reading: FundingReading): string {
	switch (reading.code) {
		case 'no-derivatives':
			return `funding: ${NO_DERIVATIVES}`;
		case 'no-readings':
			return 'funding: no reading yet';
		case 'funding': {
			const rate = `funding ${fundingPct(reading.rate)} per 8 h (${signed(reading.annualisedPct, 2)} % a year)`;
			if (!reading.crowded) return `${rate}: not extreme (under ±${(FUNDING_EXTREME * 100).toFixed(2)} %)`;
			const payer = reading.crowded === 'long' ? 'longs pay shorts' : 'shorts pay longs';
			return `${rate}: extreme, ${reading.crowded}s crowded (${payer})`;
		}
	}
}

/** "open interest rising +3.2 % over 24 h ($8.12B → $8.38B)". */
export function openInterestWords(reading: OpenInterestTrend): string {
	switch (reading.code) {
		case 'no-derivatives':
			return `open interest: ${NO_DERIVATIVES}`;
		case 'no-readings':
			return 'open interest: not enough readings yet for a trend';
		case 'oi-trend': {
			const within = reading.trend === 'flat' ? `, within ±${OI_FLAT_PCT} %` : '';
			return `open interest ${reading.trend} ${signed(reading.changePct, 1)} % over ${spanWords(reading.to - reading.from)} (${formatUsd(reading.fromValue)} → ${formatUsd(reading.toValue)}${within})`;
		}
	}
}

/** The step-6 line for open interest rising while price moves toward the cluster. */
export function oiIntoClusterWords(reading: OiIntoCluster): string {
	const head = 'OI rising into it';
	switch (reading.code) {
		case 'no-derivatives':
			return `${head}: ${NO_DERIVATIVES}`;
		case 'no-readings':
			return `${head}: no open-interest readings in the last ${reading.bars} bars`;
		case 'oi-into-cluster': {
			const figures = `OI ${signed(reading.oiChangePct, 1)} %, price ${signed(reading.priceChangePct, 2)} % ${reading.toward ? 'toward it' : 'not toward it'} over the last ${reading.bars} bars`;
			return `${head}: ${reading.met ? 'yes' : 'no'} (${figures})`;
		}
	}
}

/** The step-6 line for realised liquidations of the cluster's side spiking on the last bars. */
export function realisedSpikeWords(reading: RealisedSpike): string {
	switch (reading.code) {
		case 'no-derivatives':
			return `realised liquidations spiking: ${NO_DERIVATIVES}`;
		case 'too-little-history':
			return `realised ${reading.side} liquidations spiking: too little history (${reading.baselineBars} of the ${reading.needed} baseline bars since the first print)`;
		case 'realised-spike': {
			const ratio = reading.ratio === null ? 'none before' : ratioText(reading.ratio);
			const figures = `${formatUsd(reading.recentPerBar)} per bar over the last ${reading.recentBars} bars vs ${formatUsd(reading.baselinePerBar)} over the ${reading.baselineBars} before, ${ratio}`;
			return `realised ${reading.side} liquidations spiking: ${reading.met ? 'yes' : 'no'} (${figures})`;
		}
	}
}
