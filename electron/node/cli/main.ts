// `cascadeflow <command>`: the command line over the same API the app uses.
import { ApiFailure } from '../../../shared/api/result.ts';
import { BACKUP_HELP, backupCommand } from '../backup/cli.ts';
import { UsageError } from './args.ts';
import { askCommand } from './ask.ts';
import { BREAKEVEN_HELP, breakevenCommand } from './breakeven-command.ts';
import { BUDGET_HELP, budgetCommand } from './budget-command.ts';
import { modelsCommand } from './models.ts';
import { alertsCommand, forecastCommand, MONITORING_HELP, reportCommand } from './monitoring-commands.ts';
import { evaluateCommand, importCommand, REPLAY_HELP, replayCommand, whatifCommand } from './replay-commands.ts';
import { RECORD_HELP, recordCommand } from './record-command.ts';
import { serveCommand } from './serve.ts';

const COMMON_FLAGS = `Common flags:
  --config FILE   JSON config (or CASCADEFLOW_CONFIG); default: the settings saved in the app
  --db FILE       SQLite database (or CASCADEFLOW_DB); default: the app's data folder
`;

const HELP = `cascadeflow: cheap drafter first, cloud verifier only when needed.

Usage:
  cascadeflow serve [--port 5199] [--host 127.0.0.1]   run the app in your browser (local web server)
  cascadeflow ask "<prompt>" [--json] [--stream]       answer a prompt through the cascade
        [--tiers a,b] [--threshold 0.7] [--domain code] [--mode buffer|draft-then-replace|parallel]
        [--user ID] [--feature NAME] [--require-verified]
  cascadeflow models [--json]                         configured models, reachability, prices
${BUDGET_HELP}${REPLAY_HELP}${BREAKEVEN_HELP}${RECORD_HELP}${BACKUP_HELP}${MONITORING_HELP}
${COMMON_FLAGS}`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  serve: serveCommand,
  ask: askCommand,
  models: modelsCommand,
  budget: budgetCommand,
  import: importCommand,
  replay: replayCommand,
  evaluate: evaluateCommand,
  whatif: whatifCommand,
  breakeven: breakevenCommand,
  record: recordCommand,
  backup: backupCommand,
  forecast: forecastCommand,
  report: reportCommand,
  alerts: alertsCommand,
};

/** One command's usage, cut from HELP: its own lines and the indented lines that continue them. */
function commandHelp(command: string): string {
  const own: string[] = [];
  let inside = false;
  for (const line of HELP.split('\n')) {
    if (line.startsWith('  cascadeflow ')) inside = line.startsWith(`  cascadeflow ${command} `);
    else if (!line.startsWith('        ')) inside = false;
    if (inside) own.push(line);
  }
  return `Usage:\n${own.join('\n')}\n\n${COMMON_FLAGS}`;
}

/** --help or -h among the flags (not after "--", where it would be an argument). */
function asksHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`cascadeflow: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  // Before the command runs: "serve --help" must not start a server or open the database.
  if (asksHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cascadeflow ${command}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ApiFailure) {
      process.stderr.write(`cascadeflow ${command}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`cascadeflow ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

// `cascadeflow … | head` closes the pipe early: the reader has what it wanted, so stop quietly
// (as Unix tools do) rather than with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
