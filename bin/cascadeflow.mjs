#!/usr/bin/env node
// The `cascadeflow` command. Runs the TypeScript sources through tsx so a fresh clone works
// right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/node/cli/main.ts');
