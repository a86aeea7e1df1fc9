/**
 * The overlay registry: every switchable price-pane overlay, one entry each (id, URL flag, label, default visibility,
 * and how its primitive is mounted). The toolbar's switches, the URL flags (`state/overlay-params.ts`), the
 * "Confluence" preset and the chart's visibility all derive from this list, so a new overlay is one folder
 * (`primitive/view/renderer/options.ts`) plus one entry here.
 *
 * Entries are in toolbar order; `paintOrder` orders the primitives on the price pane (attach order is paint order),
 * `labelPriority` orders their labels in the pane's label layer (lower wins a place first). `live` entries draw the
 * live source's derivatives (`setLive`: prints, open interest, funding, the bar clock) and draw nothing for the sample
 * or a file; a pane overlay has no price primitive and shows or hides its pane through `setVisible`.
 */
import type { Divergence } from '$lib/core/confluence/divergence.ts';
import type { StructureEvent } from '$lib/core/confluence/structure.ts';
import type { SrZone } from '$lib/core/confluence/support-resistance.ts';
import type { Candle } from '$lib/core/types.ts';
import type { LabelSource } from './common/label-list.ts';
import type { OverlayPrimitive } from './common/overlay-primitive.ts';
import { BarCountdown } from './bar-countdown/primitive.ts';
import type { LiveOverlayData, PrintMark } from './common/live-data.ts';
import { DerivativesPane, type DerivativesPaneKind, type DerivativesPaneState } from './derivatives-panes/derivatives-pane.ts';
import type { PaneSlots } from './derivatives-panes/pane-slots.ts';
import { DivergenceLines } from './divergence-lines/primitive.ts';
import { LiquidationBubbles } from './liquidation-bubbles/primitive.ts';
import { RealisedHistogram } from './realised-histogram/primitive.ts';
import { MarketStructure } from './market-structure/primitive.ts';
import { SrZones } from './sr-zones/primitive.ts';
import { chartTheme } from './theme.ts';
import { VolumeProfileOverlay } from './volume-profile/primitive.ts';

/** What the overlays draw, straight from the analysis. */
export interface OverlayData {
	candles: readonly Candle[];
	/** Open times of `candles` (ms UTC). */
	times: readonly number[];
	zones: readonly SrZone[];
	events: readonly StructureEvent[];
	divergences: readonly Divergence[];
}

/** Layout facts an overlay may need when it is created. */
export interface OverlayContext {
	/** Width kept free at the price pane's right edge (the liquidation strip), media px. */
	rightClearance: (paneWidth: number) => number;
	formatPrice: (price: number) => string;
	formatNotional: (usd: number) => string;
	/** The strip's width on a wide pane (media px). */
	stripWidthPx: number;
	/** Where the extra panes (open interest, funding) go. */
	slots: PaneSlots;
	/** The clock (ms UTC), injectable for tests. */
	now: () => number;
	/** Publishes a value for the page and its tests (the chart element's `data-<name>` attribute); null removes it. */
	report: (name: string, value: string | null) => void;
}

/** A primitive with a `visible` option, as every overlay's primitive has (`common/overlay-primitive.ts`). */
type AnyOverlayPrimitive = OverlayPrimitive<{ visible?: boolean }>;

/** One mounted overlay: its primitives per pane, and how new data reaches them. */
export interface MountedOverlay {
	/** Attached to the candle series (price pane); none for a pane overlay. */
	price?: AnyOverlayPrimitive;
	/** Attached to the RSI series, when the overlay also draws there. */
	rsi?: AnyOverlayPrimitive & LabelSource;
	/** Its labels on the price pane, placed by the pane's label layer. */
	labels?: LabelSource;
	setData?(data: OverlayData): void;
	setLive?(data: LiveOverlayData): void;
	/** Shows or hides what is not a price primitive (a pane); price primitives get their `visible` option. */
	setVisible?(visible: boolean): void;
	/** The print under a media point of the price pane (hover), if the overlay draws prints. */
	hit?(x: number, y: number): PrintMark | null;
	dispose?(): void;
}

export interface OverlayEntry {
	id: string;
	/** URL flag (`zones=1`). */
	param: string;
	/** Switch label in the toolbar (its accessible name). */
	label: string;
	/** Shorter visible text of the switch, when the label would not fit the row (contained in `label`). */
	shortLabel?: string;
	/** Switch tooltip: what the overlay draws. */
	title: string;
	/** Shown when the URL does not say. */
	defaultVisible: boolean;
	/** Part of the "Confluence" preset. */
	confluence: boolean;
	/** Draws the live source's derivatives (its switch sits in the "Live" group). */
	live?: boolean;
	/** CSS of the switch's swatch: a miniature of what the overlay draws. */
	swatch: string;
	paintOrder: number;
	labelPriority: number;
	mount(context: OverlayContext): MountedOverlay;
}

export const OVERLAYS = [
	{
		id: 'zones',
		param: 'zones',
		label: 'S/R zones',
		title: 'Support/resistance zones: opacity follows strength; the label gives the main reason',
		defaultVisible: false,
		confluence: true,
		swatch:
			'background: rgba(130, 160, 230, 0.25); border-top: 1px solid rgba(130, 160, 230, 0.8); border-bottom: 1px solid rgba(130, 160, 230, 0.8)',
		paintOrder: 0,
		labelPriority: 2,
		mount: ({ rightClearance }) => {
			const price = new SrZones({ rightClearance });
			return { price, labels: price, setData: (data) => price.setZones(data.zones, data.times) };
		}
	},
	{
		id: 'structure',
		param: 'structure',
		label: 'Structure',
		title: 'Breaks of structure: BOS (solid) and CHoCH (dashed), green up, red down',
		defaultVisible: false,
		confluence: true,
		swatch:
			'background: linear-gradient(var(--up), var(--up)) 0 3px / 100% 1px no-repeat, repeating-linear-gradient(90deg, var(--down) 0 3px, transparent 3px 5px) 0 7px / 100% 1px no-repeat',
		paintOrder: 2,
		labelPriority: 0,
		mount: () => {
			const price = new MarketStructure({ upColour: chartTheme.candleUp, downColour: chartTheme.candleDown });
			return { price, labels: price, setData: (data) => price.setEvents(data.events) };
		}
	},
	{
		id: 'divergences',
		param: 'div',
		label: 'Divergences',
		title: 'RSI divergences on price and RSI: regular solid, hidden dashed; green bullish, red bearish',
		defaultVisible: false,
		confluence: true,
		swatch:
			'background: linear-gradient(to top right, transparent 45%, #4caf50 45% 60%, transparent 60%) 0 0 / 50% 100% no-repeat, linear-gradient(to bottom right, transparent 45%, #ff5252 45% 60%, transparent 60%) 100% 0 / 50% 100% no-repeat',
		paintOrder: 3,
		labelPriority: 3,
		mount: () => {
			const price = new DivergenceLines({ values: 'price' });
			const rsi = new DivergenceLines({ values: 'rsi', showLabels: true, lineWidthPx: 1.5 });
			return {
				price,
				rsi,
				setData: (data) => {
					price.setDivergences(data.divergences);
					rsi.setDivergences(data.divergences);
				}
			};
		}
	},
	{
		id: 'profile',
		param: 'profile',
		label: 'Volume profile',
		title: 'Volume profile of the visible bars: value area (70 %) brighter, point of control in magenta',
		defaultVisible: false,
		confluence: true,
		swatch:
			'background: linear-gradient(rgba(216, 112, 196, 0.6), rgba(216, 112, 196, 0.6)) 0 0 / 60% 2px no-repeat, linear-gradient(#e36fc4, #e36fc4) 0 4px / 100% 2px no-repeat, linear-gradient(rgba(216, 112, 196, 0.6), rgba(216, 112, 196, 0.6)) 0 8px / 45% 2px no-repeat',
		paintOrder: 1,
		labelPriority: 1,
		mount: ({ formatPrice }) => {
			const price = new VolumeProfileOverlay({ formatPrice });
			return { price, labels: price, setData: (data) => price.setCandles(data.candles) };
		}
	},
	{
		id: 'bubbles',
		param: 'bubbles',
		label: 'Liquidation bubbles',
		shortLabel: 'Bubbles',
		title: 'Realised liquidation prints on the candles (live sources): area ∝ notional ($100k = 4 px radius, capped at 16 px), teal = longs liquidated, violet = shorts; hover for size, exchange and time',
		defaultVisible: true,
		confluence: false,
		live: true,
		swatch:
			'background: radial-gradient(circle at 30% 60%, rgba(61, 214, 198, 0.7) 0 3px, transparent 3.5px), radial-gradient(circle at 72% 40%, rgba(197, 140, 255, 0.7) 0 4.5px, transparent 5px)',
		paintOrder: 5,
		labelPriority: 9,
		mount: ({ report }) => {
			const price = new LiquidationBubbles({
				onDrawn: (count, biggest) => {
					report('live-bubbles', String(count));
					report('live-bubble-biggest', biggest ? `${Math.round(biggest.x)},${Math.round(biggest.y)}` : null);
				}
			});
			return { price, setLive: (data) => price.setData(data), hit: (x, y) => price.hit(x, y) };
		}
	},
	{
		id: 'realised',
		param: 'realised',
		label: 'Realised histogram',
		shortLabel: 'Realised',
		title: 'Realised liquidations per price bin over the visible bars, in the strip facing the predicted bars (same bins as the map; bar length relative to the largest visible bin)',
		defaultVisible: true,
		confluence: false,
		live: true,
		swatch:
			'background: linear-gradient(rgba(61, 214, 198, 0.85), rgba(61, 214, 198, 0.85)) 0 1px / 70% 2px no-repeat, linear-gradient(rgba(197, 140, 255, 0.85), rgba(197, 140, 255, 0.85)) 0 5px / 40% 2px no-repeat, linear-gradient(rgba(61, 214, 198, 0.85), rgba(61, 214, 198, 0.85)) 0 8px / 55% 2px no-repeat',
		paintOrder: 6,
		labelPriority: 9,
		mount: ({ report, formatNotional, stripWidthPx }) => {
			const price = new RealisedHistogram({
				stripWidthPx,
				formatNotional,
				onDrawn: (bins, total) => {
					report('realised-bins', String(bins));
					report('realised-total', String(Math.round(total)));
				}
			});
			return { price, setLive: (data) => price.setData(data) };
		}
	},
	{
		id: 'openInterest',
		param: 'oi',
		label: 'Open interest',
		title: 'Open-interest pane (live sources): USDT notional, newest value and change over the visible bars',
		defaultVisible: false,
		confluence: false,
		live: true,
		swatch: 'background: linear-gradient(to top right, transparent 45%, #e0b354 45% 58%, transparent 58%)',
		paintOrder: 7,
		labelPriority: 9,
		mount: (context) => mountPane('openInterest', 'oi', context)
	},
	{
		id: 'funding',
		param: 'funding',
		label: 'Funding',
		title: 'Funding pane (live sources): rate per 8 h and annualised; amber bars at |rate| ≥ 0.05 % per 8 h (extreme)',
		defaultVisible: false,
		confluence: false,
		live: true,
		swatch:
			'background: linear-gradient(rgba(38, 166, 154, 0.8), rgba(38, 166, 154, 0.8)) 2px 3px / 3px 4px no-repeat, linear-gradient(#f0b429, #f0b429) 7px 0 / 3px 7px no-repeat, linear-gradient(rgba(239, 83, 80, 0.8), rgba(239, 83, 80, 0.8)) 12px 7px / 3px 3px no-repeat',
		paintOrder: 8,
		labelPriority: 9,
		mount: (context) => mountPane('funding', 'funding', context)
	},
	{
		id: 'countdown',
		param: 'countdown',
		label: 'Bar countdown',
		shortLabel: 'Countdown',
		title: 'Time left until the current bar closes, under the last price on the price axis (live sources)',
		defaultVisible: true,
		confluence: false,
		live: true,
		swatch: 'background: #363a45; border-radius: 2px; box-shadow: inset 0 -3px 0 #d1d4dc',
		paintOrder: 9,
		labelPriority: 9,
		mount: ({ now, report }) => {
			const price = new BarCountdown({ now, onText: (text) => report('bar-countdown', text || null) });
			return { price, setLive: (data) => price.setData(data), dispose: () => price.dispose() };
		}
	}
] as const satisfies readonly OverlayEntry[];

/** A derivatives pane (open interest, funding) as a mounted overlay, its state reported as `data-<prefix>-…`. */
function mountPane(kind: DerivativesPaneKind, prefix: string, { slots, formatNotional, report }: OverlayContext): MountedOverlay {
	const pane = new DerivativesPane(kind, slots, formatNotional, (state) => reportPane(report, prefix, state));
	return { setLive: (data) => pane.setData(data), setVisible: (visible) => pane.setVisible(visible), dispose: () => pane.dispose() };
}

/** A pane's state as data attributes: `data-<prefix>-points`, `-first`, `-last`, `-change`, `-extremes`. */
function reportPane(report: OverlayContext['report'], prefix: string, state: DerivativesPaneState | null): void {
	const text = (value: number | null | undefined) => (value === null || value === undefined ? null : String(value));
	report(`${prefix}-points`, text(state?.points));
	report(`${prefix}-first`, text(state?.first));
	report(`${prefix}-last`, text(state?.last));
	report(`${prefix}-change`, text(state?.changeInView));
	report(`${prefix}-extremes`, text(state?.extremes));
}

export type OverlayId = (typeof OVERLAYS)[number]['id'];

/** Which overlays are drawn, by id. */
export type OverlayVisibility = Record<OverlayId, boolean>;

const visibility = (on: (entry: OverlayEntry) => boolean): Readonly<OverlayVisibility> =>
	Object.fromEntries(OVERLAYS.map((entry) => [entry.id, on(entry)])) as OverlayVisibility;

export const DEFAULT_OVERLAYS: Readonly<OverlayVisibility> = visibility((entry) => entry.defaultVisible);

/** The "Confluence" preset: the overlays it switches on (the others keep their defaults). */
export const CONFLUENCE_OVERLAYS: Readonly<OverlayVisibility> = visibility((entry) => entry.confluence || entry.defaultVisible);
