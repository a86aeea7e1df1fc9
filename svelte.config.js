import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// adapter-node: runs offline (adapter-auto would try to fetch platform adapters).
		adapter: adapter({ precompress: true })
	}
};

export default config;
