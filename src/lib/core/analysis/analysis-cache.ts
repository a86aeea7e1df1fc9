/**
 * Reuse between successive analyses of one source (the analysis worker keeps one per chart and per exchange), so that
 * a change recomputes only what depends on it and a live tick does not recompute the history:
 *
 * - Same candles and open interest, same chart settings (timeframe, lookback, context, swing length): the frame
 *   (window, indicators, structure, S/R, volume) is reused. A model change then re-runs only the liquidation engine;
 *   a change of confluence weights only re-scores the clusters.
 * - Live (`live: true`): candles that extend the previous ones (every candle fed before unchanged, and the open
 *   interest aligned to them unchanged) with the same settings feed only the new candles to the engine, whose state is
 *   kept (`ModelRun.extend`), and so are the indicators (`CandleIndicators.extend`); structure, S/R zones, divergences
 *   and the volume profile are scanned again over the window (linear, no engine). The window's start stays where the
 *   session began, so each answer equals `analyze(session data, params, { from: start })` exactly
 *   (tests/analysis-cache.test.ts).
 *   A source that sends a fixed-length window (its oldest candle dropping off as a new one closes) is joined onto the
 *   candles the session already holds. Once the window has grown by a quarter of the lookback the start moves up: one
 *   full run on the lookback window.
 *   History mode is never extended (its grid is sized for a fixed candle count).
 *
 * Anything else (new data, an earlier candle revised, other settings) is a full `analyze()`.
 */
import {
	analysisFrame,
	analysisWindow,
	assembleAnalysis,
	copyModelResult,
	ModelRun,
	type Analysis,
	type AnalysisFrame,
	type AnalysisInput,
	type AnalysisWindow,
	type ModelResult,
	type OpenInterestPoint
} from './analyze.ts';
import { firstCandleAtOrAfter } from '../market/candle-search.ts';
import type { AnalysisParams } from './params.ts';
import type { Candle } from '../types.ts';

/** What the last `analyze` reused: nothing, the frame, the frame and the model run, or the engine state (appended). */
export type Reuse = 'none' | 'frame' | 'model' | 'append';

/** The window's start moves up once the window is this much longer than the lookback. */
const PIN_GROWTH = 0.25;

const frameKey = (p: AnalysisParams) => JSON.stringify([p.timeframe, p.lookbackDays, p.contextTimeframe, p.swingLength]);
const modelKey = (p: AnalysisParams) => JSON.stringify([p.model, p.history]);

function sameCandle(a: Candle, b: Candle): boolean {
	return a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}

function sameSeries(a: AnalysisInput, b: AnalysisInput): boolean {
	const sameOi = (x: readonly OpenInterestPoint[], y: readonly OpenInterestPoint[]) =>
		x === y || (x.length === y.length && x.every((point, i) => point.time === y[i].time && point.notional === y[i].notional));
	return (
		(a.candles === b.candles || (a.candles.length === b.candles.length && a.candles.every((c, i) => sameCandle(c, b.candles[i])))) &&
		sameOi(a.openInterest ?? [], b.openInterest ?? [])
	);
}

/** Does `next` start with the first `count` candles of `previous`, with the same open interest at each? */
function extendsWindow(next: AnalysisWindow, previous: AnalysisWindow, count: number): boolean {
	if (next.candles.length <= count) return false;
	for (let i = 0; i < count; i++) {
		if (!sameCandle(next.candles[i], previous.candles[i])) return false;
		if ((next.openInterest?.[i] ?? null) !== (previous.openInterest?.[i] ?? null)) return false;
	}
	return true;
}

/**
 * The session's data after a poll: a live source sends a window of fixed length, so its oldest candles drop off as new
 * ones close. The candles the session holds from before the new window's first are kept in front of it (and the open
 * interest before its first sample), so the pinned start stays in the data. Null when the two do not meet.
 */
function sessionInput(previous: AnalysisInput, next: AnalysisInput): AnalysisInput | null {
	if (next.candles.length === 0) return null;
	const first = next.candles[0].time;
	const kept = firstCandleAtOrAfter(previous.candles, first);
	if (kept === 0) return next;
	if (kept === previous.candles.length || previous.candles[kept].time !== first) return null;
	const nextOi = next.openInterest ?? [];
	const keptOi = nextOi.length ? (previous.openInterest ?? []).filter((point) => point.time < nextOi[0].time) : [];
	return { candles: previous.candles.slice(0, kept).concat(next.candles), openInterest: keptOi.concat(nextOi) };
}

/** The window from `start` on, or null when the data holds no candle from there (it was replaced by older data). */
function pinnedWindow(input: AnalysisInput, params: AnalysisParams, start: number): AnalysisWindow | null {
	const last = input.candles[input.candles.length - 1];
	return last && last.time >= start ? analysisWindow(input, params, { from: start }) : null;
}

export class AnalysisCache {
	#input: AnalysisInput | null = null;
	#frameKey = '';
	#frame: AnalysisFrame | null = null;
	#modelKey = '';
	/** The model's result for the frame, kept unshared (answers get copies). */
	#result: ModelResult | null = null;
	/** The engine's state, kept for a live session only (it is the largest thing here). */
	#run: ModelRun | null = null;
	#reuse: Reuse = 'none';

	/** What the last call reused (for tests and timing notes). */
	get lastReuse(): Reuse {
		return this.#reuse;
	}

	/**
	 * As `analyze(input, params)`, reusing what the previous call computed where it still holds. The answer's typed
	 * arrays are its own (the worker transfers them). Throws `AnalysisError`.
	 */
	analyze(input: AnalysisInput, params: AnalysisParams, options: { live?: boolean } = {}): Analysis {
		try {
			return this.#analyze(input, params, options);
		} catch (error) {
			// Whatever was kept may be half-updated (an engine fed, indicators advanced): start afresh next time.
			this.#frame = this.#result = this.#run = this.#input = null;
			throw error;
		}
	}

	#analyze(input: AnalysisInput, params: AnalysisParams, options: { live?: boolean }): Analysis {
		const sameSettings = this.#frame !== null && this.#frameKey === frameKey(params);
		const sameModel = this.#result !== null && this.#modelKey === modelKey(params);
		let frame: AnalysisFrame | null = null;
		let result: ModelResult | null = null;
		let run: ModelRun | null = null;
		// A live poll is read as the session's data: the candles held before its window, then its own.
		const session = options.live && sameSettings ? sessionInput(this.#input!, input) : null;
		if (sameSettings && sameSeries(this.#input!, session ?? input)) {
			input = session ?? input;
			frame = this.#frame!;
			this.#reuse = sameModel ? 'model' : 'frame';
			if (sameModel) {
				result = this.#result!;
				run = this.#run;
			}
		} else if (session && sameModel && this.#run?.extendable()) {
			const previous = this.#frame!;
			const start = previous.candles[0].time;
			const window = pinnedWindow(session, params, start);
			const span = window ? window.candles[window.candles.length - 1].time + window.candleMs - start : Infinity;
			if (
				span <= params.lookbackDays * 86_400_000 * (1 + PIN_GROWTH) &&
				extendsWindow(window!, previous, this.#run.fed) &&
				this.#run.extendable(window!)
			) {
				input = session;
				frame = analysisFrame(input, window!, params, previous);
				run = this.#run;
				run.extend(frame);
				this.#reuse = 'append';
			}
		}
		if (!frame) {
			frame = analysisFrame(input, analysisWindow(input, params), params);
			this.#reuse = 'none';
		}
		if (!result) {
			run ??= new ModelRun(frame, params.model, params.history);
			const last = frame.candles[frame.candles.length - 1];
			result = run.result(last.close, frame.confluence.atr);
		}
		this.#input = input;
		this.#frameKey = frameKey(params);
		this.#frame = frame;
		this.#modelKey = modelKey(params);
		this.#result = result;
		this.#run = options.live && run?.extendable() ? run : null;
		return assembleAnalysis(frame, copyModelResult(result), params.weights);
	}
}
