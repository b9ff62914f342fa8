#!/usr/bin/env node
// Command-line tools: `yizhan audit verify`, `yizhan seed --demo`, `yizhan migrate` (src/cli.ts).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
process.exitCode = await run(process.argv.slice(2));
