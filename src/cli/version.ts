// CLI: kefu's version, read from its package.json (one place: the manifest of a month records it).
import { createRequire } from 'node:module';

// src/cli/version.ts and dist/cli/version.js both sit two folders below package.json.
export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
