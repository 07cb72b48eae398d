// What is committed against a budget, read from SQLite: the ledger's cost in the budget's
// period (from the daily rollups, which the ledger's triggers keep exact in the writer's own
// transaction) plus the reservations of runs still in flight. Reservations live in SQLite, not
// in memory, so the app and a CLI sharing one database file see each other's runs.
import type Database from 'better-sqlite3';
import { DAY_MS, periodRange, type BudgetPeriod, type BudgetSpec, type BudgetUsage } from '../../../shared/core/budget/index.ts';

export interface Reservation {
  id: string;
  runId: string;
  userId: string | null;
  amountNano: number;
  /** The run's createdAt: the reservation counts in the periods its query will be recorded in. */
  createdAt: number;
  /** A crashed process's reservation stops counting after this. */
  expiresAt: number;
}

export interface BudgetStore {
  usage(spec: BudgetSpec, at: number, now: number): BudgetUsage;
  /** What each user with spend or a reservation in the period has committed: one pass, not one per user. */
  usageByUser(period: BudgetPeriod, at: number, now: number): Map<string, BudgetUsage>;
  reserve(r: Reservation): void;
  /** Idempotent: settling or releasing twice is harmless. */
  release(id: string): boolean;
  purgeExpired(now: number): number;
  openReservations(now: number): number;
}

export function createBudgetStore(db: Database.Database): BudgetStore {
  const spentAll = db.prepare<{ fromDay: number; toDay: number }, { n: number }>(
    'SELECT COALESCE(SUM(cost_nano), 0) AS n FROM ledger_daily WHERE day >= @fromDay AND day < @toDay',
  );
  const spentUser = db.prepare<{ fromDay: number; toDay: number; user: string }, { n: number }>(
    "SELECT COALESCE(SUM(cost_nano), 0) AS n FROM ledger_daily_tag WHERE kind = 'user' AND tag = @user AND day >= @fromDay AND day < @toDay",
  );
  const reservedAll = db.prepare<{ from: number; to: number; now: number }, { n: number }>(
    'SELECT COALESCE(SUM(amount_nano), 0) AS n FROM budget_reservations WHERE created_at >= @from AND created_at < @to AND expires_at > @now',
  );
  const reservedUser = db.prepare<{ from: number; to: number; now: number; user: string }, { n: number }>(
    'SELECT COALESCE(SUM(amount_nano), 0) AS n FROM budget_reservations WHERE user_id = @user AND created_at >= @from AND created_at < @to AND expires_at > @now',
  );
  // '(none)' is the rollup's key for untagged queries; a user id cannot contain parentheses.
  const spentByUser = db.prepare<{ fromDay: number; toDay: number }, { user: string; n: number }>(
    "SELECT tag AS user, SUM(cost_nano) AS n FROM ledger_daily_tag WHERE kind = 'user' AND day >= @fromDay AND day < @toDay AND tag != '(none)' GROUP BY tag",
  );
  const reservedByUser = db.prepare<{ from: number; to: number; now: number }, { user: string; n: number }>(
    'SELECT user_id AS user, SUM(amount_nano) AS n FROM budget_reservations WHERE user_id IS NOT NULL AND created_at >= @from AND created_at < @to AND expires_at > @now GROUP BY user_id',
  );
  const insert = db.prepare<Reservation>(
    'INSERT INTO budget_reservations (id, run_id, user_id, amount_nano, created_at, expires_at) VALUES (@id, @runId, @userId, @amountNano, @createdAt, @expiresAt)',
  );
  const remove = db.prepare<[string]>('DELETE FROM budget_reservations WHERE id = ?');
  const purge = db.prepare<[number]>('DELETE FROM budget_reservations WHERE expires_at <= ?');
  const open = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM budget_reservations WHERE expires_at > ?');

  return {
    usage(spec, at, now) {
      const { from, to } = periodRange(spec.period, at);
      const days = { fromDay: Math.floor(from / DAY_MS), toDay: Math.floor(to / DAY_MS) };
      const spentNano = spec.userId === null ? spentAll.get(days)?.n : spentUser.get({ ...days, user: spec.userId })?.n;
      const reservedNano = spec.userId === null ? reservedAll.get({ from, to, now })?.n : reservedUser.get({ from, to, now, user: spec.userId })?.n;
      return { spentNano: spentNano ?? 0, reservedNano: reservedNano ?? 0 };
    },
    usageByUser(period, at, now) {
      const { from, to } = periodRange(period, at);
      const out = new Map<string, BudgetUsage>();
      const of = (user: string): BudgetUsage => out.get(user) ?? { spentNano: 0, reservedNano: 0 };
      for (const r of spentByUser.all({ fromDay: Math.floor(from / DAY_MS), toDay: Math.floor(to / DAY_MS) })) out.set(r.user, { ...of(r.user), spentNano: r.n });
      for (const r of reservedByUser.all({ from, to, now })) out.set(r.user, { ...of(r.user), reservedNano: r.n });
      return out;
    },
    reserve(r) {
      insert.run(r);
    },
    release(id) {
      return remove.run(id).changes > 0;
    },
    purgeExpired(now) {
      return purge.run(now).changes;
    },
    openReservations(now) {
      return open.get(now)?.n ?? 0;
    },
  };
}
