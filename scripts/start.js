// Starts the built app (adapter-node) and prints where to open it. `npm start` builds first.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
const server = spawn(process.execPath, ['build'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: port, HOST: host } });
server.stdout.on('data', (chunk) => {
	const text = String(chunk);
	process.stdout.write(text);
	if (/Listening/.test(text)) console.log(`\n  BTC liquidation heatmap: open http://localhost:${port}/ (embedded Bybit sample, no network needed)\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
