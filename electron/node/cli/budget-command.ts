// `cascadeflow budget [--json] [--user ID]`: how much of each spend limit is used, reserved and left.
import type { BudgetState, BudgetStatus } from '../../../shared/core/budget/types.ts';
import { budgetPolicyText, budgetStateText, limitsEveryQuery, perUserText } from '../../../shared/core/budget/wording.ts';
import { formatUsd } from '../../../shared/core/pricing/money.ts';
import { parse } from './args.ts';
import { openBackend } from './context.ts';
import { unwrap } from './unwrap.ts';

export const BUDGET_HELP = `  cascadeflow budget [--json] [--user ID]             spend limits: spent, reserved, left (UTC day / month)
`;

export async function budgetCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { user: { type: 'string' } });
  const backend = await openBackend(values, 'cli');
  try {
    const status = unwrap(await backend.call('budget.status', values.user === undefined ? {} : { userId: values.user }));
    if (values.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    else process.stdout.write(formatBudgetStatus(status));
    return 0;
  } finally {
    await backend.close();
  }
}

const BAR_WIDTH = 20;

function bar(ratio: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(ratio * BAR_WIDTH)));
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

/** Short words for a table read at a glance, until the budget changes every answer: then the bars' words, which say how. */
function stateCell(b: BudgetState): string {
  if (limitsEveryQuery(b)) return budgetStateText(b);
  return b.state === 'ok' ? 'ok' : b.state === 'near' ? 'near limit' : 'at limit';
}

function row(b: BudgetState): string[] {
  const left = Math.max(0, b.limitNano - b.spentNano - b.reservedNano);
  return [
    b.name,
    `${bar(b.usedRatio)} ${Math.floor(b.usedRatio * 100)}%`,
    formatUsd(b.spentNano),
    formatUsd(b.reservedNano),
    formatUsd(left),
    `${formatUsd(b.limitNano)}${b.graceRatio > 0 ? ` (+${Math.round(b.graceRatio * 100)}% grace)` : ''}`,
    stateCell(b),
  ];
}

/**
 * budget.perUser in words: without a --user only the users near or over these limits have bars,
 * so the table alone would hide the limits everyone else is held to.
 */
function perUserLine(status: BudgetStatus): string {
  if (status.perUser.length === 0) return '';
  const named = status.budgets.some((b) => b.userId !== null);
  return `${perUserText(status.perUser, named)}; a user near one of them gets a bar above, and \`cascadeflow budget --user ID\` shows any user's.\n\n`;
}

export function formatBudgetStatus(status: BudgetStatus): string {
  if (!status.enabled) return 'No budgets: add a "budget" section to the config (see README) to set daily, monthly or per-user limits.\n';
  const text = budgetPolicyText(status);
  const policy = `${text.charAt(0).toUpperCase()}${text.slice(1)}. Near a limit the acceptance threshold is ${status.nearLimitThreshold}.`;
  if (status.budgets.length === 0) {
    if (status.perUser.length > 0) return `${perUserLine(status)}${policy}\n`;
    return 'Budgets are on but no limit applies here (no daily/monthly limit, and no limit for this user).\n';
  }
  const header = ['BUDGET', 'USED', 'SPENT', 'RESERVED', 'LEFT', 'LIMIT', 'STATE'];
  const rows = status.budgets.map(row);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${perUserLine(status)}${policy}\n`;
}
