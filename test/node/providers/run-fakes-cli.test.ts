// The e2e suite spawns test/fakes/run-fakes.ts; this checks its contract through the real adapters.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createProviderResolver } from '../../../electron/node/providers/index.ts';
import type { ProviderResolver } from '../../../shared/core/ports.ts';
import { ask, drain } from './helpers.ts';

const script = fileURLToPath(new URL('../../fakes/run-fakes.ts', import.meta.url));
let child: ChildProcess;
let env: Record<string, string>;
let resolver: ProviderResolver;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', script, '--delay-ms=0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (!child.stdout) throw new Error('no stdout');
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`run-fakes exited with ${code}`)));
  });
  env = z.object({ env: z.record(z.string(), z.string()) }).parse(JSON.parse(first)).env;
  resolver = createProviderResolver({ env, maxRetries: 0 });
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('run-fakes', () => {
  it('prints the three base URLs as env vars the app understands', () => {
    expect(env['OLLAMA_HOST']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env['OPENAI_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(env['ANTHROPIC_BASE_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('makes the drafter answer the [[draft:...]] text while the verifier computes the right result', async () => {
    const prompt = 'What is 17 * 23? [[draft:17 * 23 = 381]]';
    const draft = await drain(resolver.forTier({ model: 'llama3.2:3b', provider: 'ollama' }), ask('llama3.2:3b', prompt));
    const verified = await drain(resolver.forTier({ model: 'gpt-4o', provider: 'openai' }), ask('gpt-4o', prompt));
    const claude = await drain(resolver.forTier({ model: 'claude-sonnet-4-6', provider: 'anthropic' }), ask('claude-sonnet-4-6', prompt));
    expect(draft.text).toBe('17 * 23 = 381');
    expect(verified.text).toBe('17 * 23 = 391.');
    expect(claude.text).toBe('17 * 23 = 391.');
    expect(verified.done?.usage?.inputTokens).toBeGreaterThan(0);
  });

  it('answers a plain question with a sentence that repeats its key words', async () => {
    const r = await drain(resolver.forTier({ model: 'llama3.2:3b', provider: 'ollama' }), ask('llama3.2:3b', 'What is the capital of France?'));
    expect(r.text).toContain('capital');
    expect(r.text).toContain('France');
  });

  it('turns [[verify-error:429]] into a rate limit on the verifier only', async () => {
    const prompt = 'hello [[verify-error:429]]';
    const verifier = await drain(resolver.forTier({ model: 'gpt-4o', provider: 'openai' }), ask('gpt-4o', prompt));
    const drafter = await drain(resolver.forTier({ model: 'gpt-4o-mini', provider: 'openai' }), ask('gpt-4o-mini', prompt));
    expect(verifier.error?.code).toBe('rate_limited');
    expect(verifier.error?.retryAfterMs).toBe(30_000);
    expect(drafter.error).toBeUndefined();
  });

  it('answers 404 for models named missing-*', async () => {
    const r = await drain(resolver.forTier({ model: 'missing-model', provider: 'ollama' }), ask('missing-model', 'hi'));
    expect(r.error?.code).toBe('model_not_found');
  });
});
