/** The few parts of the `ws` package (a dependency of ccxt, same version) that the demo market's servers use. */
declare module 'ws' {
	import type { IncomingMessage } from 'node:http';
	import type { Duplex } from 'node:stream';

	export class WebSocket {
		static readonly OPEN: number;
		readyState: number;
		send(data: string): void;
		close(code?: number, reason?: string): void;
		terminate(): void;
		on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
		on(event: 'close', listener: () => void): this;
		on(event: 'error', listener: (error: Error) => void): this;
	}

	export class WebSocketServer {
		constructor(options: { noServer: true });
		handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, callback: (ws: WebSocket) => void): void;
		close(): void;
	}
}
