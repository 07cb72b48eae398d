// `cascadeflow models`: what is configured, whether it answers, and what it costs.
import type { ModelStatus } from '../../../shared/api/contract.ts';
import { toFixedHalfUp } from '../../../shared/core/pricing/fixed-decimals.ts';
import { didYouMean } from '../../../shared/core/words.ts';
import { parse } from './args.ts';
import { openBackend } from './context.ts';
import { unwrap } from './unwrap.ts';

export async function modelsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {});
  const backend = await openBackend(values, 'cli');
  try {
    const { models } = unwrap(await backend.call('models.list', { discover: true }));
    if (values.json) process.stdout.write(`${JSON.stringify({ models }, null, 2)}\n`);
    else process.stdout.write(formatModels(models));
    return 0;
  } finally {
    await backend.close();
  }
}

const price = (v: number | null) => (v === null ? 'unknown' : `$${toFixedHalfUp(v, v < 1 ? 3 : 2, true)}`);

export function formatModels(models: ModelStatus[]): string {
  const rows = models.map((m) => [
    m.model,
    m.provider + (m.local ? ' (local)' : ''),
    m.usedAs.join(', '),
    m.pricing === 'unknown' ? 'price unknown' : m.pricing === 'energy' ? 'energy (local)' : `${price(m.inputPerMTok)} in / ${price(m.outputPerMTok)} out per 1M`,
    m.reachable ? 'ok' : m.reachable === false ? 'unreachable' : '?',
  ]);
  const header = ['MODEL', 'PROVIDER', 'USED AS', 'PRICE', 'STATUS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const notes = [
    ...models.filter((m) => !m.reachable).map((m) => `  ${m.model}: ${m.reachability}`),
    // The price list may know the model under a close id: said, never applied.
    ...models.filter((m) => m.pricing === 'unknown' && m.priceSuggestions?.length).map((m) => `  ${m.model}: price unknown; ${didYouMean(m.priceSuggestions ?? [])} (if so, correct the model name; if not, give it a price)`),
  ];
  return [line(header), ...rows.map(line), ...(notes.length ? ['', 'Problems:', ...notes] : [])].join('\n') + '\n';
}
