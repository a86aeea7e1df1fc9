/** A loopback TCP proxy that can cut every connection and refuse new ones (a lost database connection), then heal. */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
	readonly #sockets = new Set<Socket>();
	#down = false;

	private constructor(
		readonly server: Server,
		readonly port: number
	) {}

	static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
		let proxy: TcpProxy;
		const server = createServer((client) => {
			if (proxy.#down) return void client.destroy();
			const upstream = connect(targetPort, targetHost);
			for (const socket of [client, upstream]) {
				proxy.#sockets.add(socket);
				socket.on('close', () => proxy.#sockets.delete(socket));
				socket.on('error', () => {
					client.destroy();
					upstream.destroy();
				});
			}
			client.pipe(upstream).pipe(client);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		proxy = new TcpProxy(server, (server.address() as { port: number }).port);
		return proxy;
	}

	/** Cuts every open connection; new ones are closed as soon as they open. */
	cut(): void {
		this.#down = true;
		for (const socket of this.#sockets) socket.destroy();
	}

	heal(): void {
		this.#down = false;
	}

	close(): Promise<void> {
		this.cut();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}
