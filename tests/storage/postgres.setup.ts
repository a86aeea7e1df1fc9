/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the storage tests, on a free loopback port, in a temporary
 * data directory removed afterwards. `LIQMAP_TEST_POSTGRES_URL` points the tests at a server of your own instead.
 * Without PostgreSQL's binaries (Debian's `postgresql` package: `initdb`, `pg_ctl`) the run FAILS with a message,
 * unless `LIQMAP_TEST_SKIP_POSTGRES=1` says to leave the PostgreSQL half of the storage tests out (they are then
 * reported skipped, never silently passed). `initdb` refuses to run as root: as root it runs as the `postgres` user.
 * The tests read the URL with `inject('postgresUrl')`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string | null;
	}
}

function binDir(): string | null {
	const root = '/usr/lib/postgresql';
	if (existsSync(root)) {
		const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
		if (versions.length) return join(root, versions[0], 'bin');
	}
	try {
		return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
	const given = process.env.LIQMAP_TEST_POSTGRES_URL;
	if (given) {
		project.provide('postgresUrl', given);
		return;
	}
	const bin = binDir();
	if (!bin) {
		if (process.env.LIQMAP_TEST_SKIP_POSTGRES === '1') {
			project.provide('postgresUrl', null);
			return;
		}
		throw new Error(
			"PostgreSQL's binaries (initdb, pg_ctl) were not found, and the storage tests run against PostgreSQL too: install Debian's postgresql package (apt-get install postgresql; .ci/run does), or set LIQMAP_TEST_POSTGRES_URL=postgres://…, or LIQMAP_TEST_SKIP_POSTGRES=1 to skip them"
		);
	}
	const asRoot = userInfo().uid === 0;
	const dir = mkdtempSync(join(tmpdir(), 'liqmap-pg-'));
	chmodSync(dir, 0o700);
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const run = (tool: string, args: string[]) =>
		asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
	const port = await freePort();
	const data = join(dir, 'data');
	run('initdb', ['-D', data, '-U', 'liqmap', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
	run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
	project.provide('postgresUrl', `postgres://liqmap@127.0.0.1:${port}/postgres`);
	return () => {
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
