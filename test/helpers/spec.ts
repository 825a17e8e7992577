// Test helper: an InputSpec as the flags would give it (October 2026, English, no files), with the
// fields a test names; and a CliIO that swallows output, for calling the loader and the core in-process.
import type { CliIO } from '../../src/cli/context.js';
import type { InputSpec } from '../../src/cli/spec.js';
import { monthPeriod } from '../../src/core/num/dates.js';

export function inputSpec(over: Partial<InputSpec>): InputSpec {
  return {
    scheme: '',
    period: monthPeriod('2026-10')!,
    roster: [],
    stats: [],
    facts: [],
    adjustments: [],
    messages: [],
    orders: [],
    orderLines: [],
    encoding: 'auto',
    lang: 'en',
    strict: false,
    verbose: false,
    quiet: false,
    color: 'never',
    ...over,
  };
}

export const quietIO = (env: Record<string, string> = {}): CliIO => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env,
  readStdin: async () => new Uint8Array(),
});
