/**
 * Segments in view, in media pixels, reused between frames (grown, never shrunk): what a segment overlay's view
 * hands its renderer. `item` indexes the overlay's own list (structure events, divergences).
 */
export class VisibleSegments {
	count = 0;
	item = new Int32Array(0);
	x1Media = new Float32Array(0);
	y1Media = new Float32Array(0);
	x2Media = new Float32Array(0);
	y2Media = new Float32Array(0);

	reserve(size: number): void {
		if (this.item.length >= size) return;
		this.item = new Int32Array(size);
		this.x1Media = new Float32Array(size);
		this.y1Media = new Float32Array(size);
		this.x2Media = new Float32Array(size);
		this.y2Media = new Float32Array(size);
	}
}
