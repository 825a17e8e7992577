#!/usr/bin/env node
// The installed command: everything lives in src/cli/main.ts, so tests run the same code in-process.
import { runFromProcess } from '../dist/cli/main.js';

runFromProcess();
