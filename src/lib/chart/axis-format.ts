/**
 * The price axis's and crosshair label's text: thousands separators and one decimal, "104,800.0", as TradingView
 * shows BTC (the library's default, "104800.0", is hard to read and wider). One formatter, created once.
 */
const axisPriceFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatAxisPrice(price: number): string {
	return axisPriceFormat.format(price);
}
