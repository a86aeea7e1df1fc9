/**
 * The overlay registry: every switchable price-pane overlay, one entry each (id, URL flag, label, default visibility,
 * and how its primitive is mounted). The toolbar's switches, the URL flags (`state/overlay-params.ts`), the
 * "Confluence" preset and the chart's visibility all derive from this list, so a new overlay is one folder
 * (`primitive/view/renderer/options.ts`) plus one entry here.
 *
 * Entries are in toolbar order; `paintOrder` orders the primitives on the price pane (attach order is paint order),
 * `labelPriority` orders their labels in the pane's label layer (lower wins a place first).
 */
import type { Divergence } from '$lib/core/confluence/divergence.ts';
import type { StructureEvent } from '$lib/core/confluence/structure.ts';
import type { SrZone } from '$lib/core/confluence/support-resistance.ts';
import type { Candle } from '$lib/core/types.ts';
import type { LabelSource } from './common/label-list.ts';
import type { OverlayPrimitive } from './common/overlay-primitive.ts';
import { DivergenceLines } from './divergence-lines/primitive.ts';
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
}

/** A primitive with a `visible` option, as every overlay's primitive has (`common/overlay-primitive.ts`). */
type AnyOverlayPrimitive = OverlayPrimitive<{ visible?: boolean }>;

/** One mounted overlay: its primitives per pane, and how new data reaches them. */
export interface MountedOverlay {
	/** Attached to the candle series (price pane). */
	price: AnyOverlayPrimitive;
	/** Attached to the RSI series, when the overlay also draws there. */
	rsi?: AnyOverlayPrimitive & LabelSource;
	/** Its labels on the price pane, placed by the pane's label layer. */
	labels?: LabelSource;
	setData(data: OverlayData): void;
}

export interface OverlayEntry {
	id: string;
	/** URL flag (`zones=1`). */
	param: string;
	/** Switch label in the toolbar. */
	label: string;
	/** Switch tooltip: what the overlay draws. */
	title: string;
	/** Shown when the URL does not say. */
	defaultVisible: boolean;
	/** Part of the "Confluence" preset. */
	confluence: boolean;
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
	}
] as const satisfies readonly OverlayEntry[];

export type OverlayId = (typeof OVERLAYS)[number]['id'];

/** Which overlays are drawn, by id. */
export type OverlayVisibility = Record<OverlayId, boolean>;

const visibility = (on: (entry: OverlayEntry) => boolean): Readonly<OverlayVisibility> =>
	Object.fromEntries(OVERLAYS.map((entry) => [entry.id, on(entry)])) as OverlayVisibility;

export const DEFAULT_OVERLAYS: Readonly<OverlayVisibility> = visibility((entry) => entry.defaultVisible);

/** The "Confluence" preset: the overlays it switches on (the others keep their defaults). */
export const CONFLUENCE_OVERLAYS: Readonly<OverlayVisibility> = visibility((entry) => entry.confluence || entry.defaultVisible);
