/**
 * The browser's end of `/api/stream`: one `EventSource` for the shown live source and timeframe. It reports forming
 * candles and candle closes to its owner (`LiveSource`), prints, open interest and funding to the derivatives feed, and whether the stream is usable: `streaming` while every
 * exchange of the source says `connected`; `polling` when the stream failed, an exchange is reconnecting or the server
 * fell back to REST (the reason in plain words), in which case the owner polls `/api/candles` as before.
 */
import type { Source } from '$lib/core/analysis/params.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';
import type { CandleEvent, FundingEvent, LiquidationPrint, OpenInterestEvent, StreamStatus } from '$lib/stream-types.ts';

export type StreamMode = 'off' | 'connecting' | 'streaming' | 'polling';

export interface StreamHandlers {
	/** A forming candle of an exchange moved. */
	forming(exchange: string, candle: Candle): void;
	/** A candle closed on one of the exchanges. */
	closed(): void;
	/** `mode` changed. */
	modeChanged(mode: StreamMode): void;
	/** A liquidation print, an open-interest or a funding update (the derivatives feed, `derivatives-feed.svelte.ts`). */
	liquidation?(print: LiquidationPrint): void;
	openInterest?(event: OpenInterestEvent): void;
	funding?(event: FundingEvent): void;
}

export class LiveStream {
	#mode = $state<StreamMode>('off');
	#reason = $state<string | null>(null);
	#events: EventSource | null = null;
	#key = '';
	#states = new Map<string, StreamStatus>();
	readonly #handlers: StreamHandlers;

	constructor(handlers: StreamHandlers) {
		this.#handlers = handlers;
	}

	get mode(): StreamMode {
		return this.#mode;
	}
	/** Why the stream is not used, in plain words; null while streaming. */
	get reason(): string | null {
		return this.#reason;
	}

	/** Streams `source` at `timeframe` (nothing changes when it already does). */
	open(source: Source, timeframe: Timeframe): void {
		const key = `${source}:${timeframe}`;
		if (key === this.#key && this.#events) return;
		this.close();
		this.#key = key;
		if (typeof EventSource === 'undefined') return this.#set('polling', 'this browser has no EventSource');
		const events = new EventSource(`/api/stream?source=${encodeURIComponent(source)}&timeframe=${encodeURIComponent(timeframe)}`);
		this.#events = events;
		this.#set('connecting', null);
		events.addEventListener('status', (event) => {
			const status = JSON.parse((event as MessageEvent<string>).data) as StreamStatus;
			this.#states.set(status.exchange, status);
			const waiting = [...this.#states.values()].find((s) => s.state !== 'connected');
			if (!waiting) this.#set('streaming', null);
			else if (waiting.state !== 'connecting') this.#set('polling', `${waiting.name} stream ${waiting.state}${waiting.reason ? `: ${waiting.reason}` : ''}`);
		});
		events.addEventListener('candle', (event) => {
			const data = JSON.parse((event as MessageEvent<string>).data) as CandleEvent;
			if (data.closed) this.#handlers.closed();
			else this.#handlers.forming(data.exchange, data.candle);
		});
		const forward = <T>(type: 'liquidation' | 'openInterest' | 'funding', handle: ((data: T) => void) | undefined) => {
			if (handle) events.addEventListener(type, (event) => handle(JSON.parse((event as MessageEvent<string>).data) as T));
		};
		forward<LiquidationPrint>('liquidation', this.#handlers.liquidation?.bind(this.#handlers));
		forward<OpenInterestEvent>('openInterest', this.#handlers.openInterest?.bind(this.#handlers));
		forward<FundingEvent>('funding', this.#handlers.funding?.bind(this.#handlers));
		events.onerror = () => {
			this.#states.clear();
			this.#set('polling', events.readyState === EventSource.CLOSED ? 'the live stream is unavailable' : 'the live stream was interrupted; reconnecting');
		};
	}

	close(): void {
		this.#events?.close();
		this.#events = null;
		this.#key = '';
		this.#states.clear();
		this.#set('off', null);
	}

	#set(mode: StreamMode, reason: string | null): void {
		const changed = mode !== this.#mode;
		this.#mode = mode;
		this.#reason = reason;
		if (changed) this.#handlers.modeChanged(mode);
	}
}
