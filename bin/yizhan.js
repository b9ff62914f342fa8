#!/usr/bin/env node
// Command-line tools: `yizhan audit verify`, `yizhan seed --demo`, `yizhan migrate`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
