import { describe, expect, it } from 'vitest';
import { ClusterSnapshots } from '../../src/lib/state/cluster-snapshots.svelte.ts';

const long = (low: number, high: number) => ({ side: 'long' as const, low, high, price: (low + high) / 2, notional: 1 });

describe('cluster snapshots', () => {
	it('keeps one snapshot per map time, a later analysis of the same time replacing it; a new view starts over', () => {
		const snapshots = new ClusterSnapshots();
		expect(snapshots.since).toBeNull();
		snapshots.record('bybit:5m:7', 1000, [long(90, 92)]);
		snapshots.record('bybit:5m:7', 2000, [long(93, 94)]);
		// A display filter changed: the same data (time 2000), other clusters shown.
		snapshots.record('bybit:5m:7', 2000, [long(95, 96)]);
		// An older map arriving late is ignored.
		snapshots.record('bybit:5m:7', 1500, [long(1, 2)]);
		expect(snapshots.list.map((s) => [s.time, s.clusters[0].low])).toEqual([[1000, 90], [2000, 95]]);
		expect(snapshots.since).toBe(1000);
		// Only side and range are kept.
		expect(snapshots.list[0].clusters[0]).toEqual({ side: 'long', low: 90, high: 92 });
		snapshots.record('okx:5m:7', 3000, []);
		expect(snapshots.list.map((s) => s.time)).toEqual([3000]);
		snapshots.reset();
		expect(snapshots.since).toBeNull();
	});
});
