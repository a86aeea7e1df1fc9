/**
 * The small pieces every sentence is made of (prices, amounts, times, plurals), shared by the UI's and the CLI's
 * wording so that a figure reads the same in the app, the exported image and the terminal. Core returns numbers; only
 * the wording modules format them.
 */

/** A price with thousands separators and at most one decimal: "98,600", "98,612.5". */
export const priceUpTo1 = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** A price rounded to whole USDT with thousands separators: "102,500". */
export const wholePrice = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** A price range in whole USDT: "110,500–111,500". */
export const wholeRange = (range: { low: number; high: number }) => `${wholePrice(range.low)}–${wholePrice(range.high)}`;

/** Millions of USDT with one decimal: "$202.3M". */
export const millionsUsd = (value: number) => `$${(value / 1e6).toFixed(1)}M`;

/** A UTC time without the year: "06-30 14:00". */
export const shortTime = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

/** "1 bar", "3 bars". */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A ratio with one decimal and ×, or "n/a": "1.4×". */
export const ratioText = (ratio: number | null) => (ratio === null ? 'n/a' : `${ratio.toFixed(1)}×`);

/** "n bars ago", or "on the last bar". */
export const barsAgo = (bars: number) => (bars === 0 ? 'on the last bar' : `${plural(bars, 'bar')} ago`);
