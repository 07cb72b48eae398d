// Budgets around a run: before the engine calls a paid model, decide (shared/core/budget) and
// reserve the run's worst case in one IMMEDIATE transaction, so concurrent runs (in this
// process or another one on the same file) each see the others' reservations. The reservation
// is settled in the transaction that records the run's actual cost, or released on failure;
// a record the database refused is kept (pending-ledger-writes.ts) and settles it when it lands.
import type Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result.ts';
import {
  budgetConfigSchema,
  budgetPolicy,
  budgetState,
  budgetsFor,
  budgetsToShow,
  decideBudget,
  estimateInputTokens,
  estimateRunCost,
  isBudgetActive,
  needsAttention,
  perUserLimits,
  perUserSpecs,
  worstOutputTokens,
  type BudgetConfig,
  type BudgetDecision,
  type BudgetPolicy,
  type BudgetState,
  type BudgetStatus,
  type OutputAssumption,
  type QueryEstimate,
} from '../../../shared/core/budget/index.ts';
import { planRun } from '../../../shared/core/cascade/plan.ts';
import type { CascadeRequest } from '../../../shared/core/cascade/types.ts';
import type { AppConfig, TierConfig } from '../../../shared/core/config/schema.ts';
import type { Clock, IdGen } from '../../../shared/core/ports.ts';
import { estimateCostNano, nanoToUsd, pricingContextFromConfig, type PricingContext } from '../../../shared/core/pricing/index.ts';
import { createBudgetStore, type BudgetStore } from './budget-store.ts';

/** Users held to budget.perUser listed unasked in budget.status, the fullest first. */
export const MAX_USERS_SHOWN = 20;

/** A reservation left by a crashed process stops counting after this. */
export const RESERVATION_TTL_MS = 3_600_000;

export type RunOverrides = Pick<CascadeRequest, 'threshold' | 'lastTier' | 'notes'>;

export interface Admission {
  decision: BudgetDecision;
  /** What the run must change (threshold, tiers) and say (notes). Empty when nothing changes. */
  overrides: RunOverrides;
  /** Call inside the transaction that records the run: its actual cost replaces the reservation. */
  settle(): void;
  /** Call when the run ends without being recorded (or always, after settle: it is idempotent). */
  release(): void;
}

export interface BudgetGuard {
  /** Throws ApiFailure `budget_exceeded` when a budget refuses the run. */
  admit(request: CascadeRequest, config: AppConfig, createdAt: number): Admission;
  status(config: AppConfig, userId?: string): BudgetStatus;
  readonly store: BudgetStore;
}

const NOTHING: Admission = {
  decision: { action: 'normal', budget: null, reason: '', reserveNano: 0 },
  overrides: {},
  settle: () => {},
  release: () => {},
};

const DEFAULTS = budgetConfigSchema.parse({});

const lowest = (values: number[]): number | undefined => (values.length > 0 ? Math.min(...values) : undefined);

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The worst case of a run through `tiers` from `startTier` on (every one of those may run), and
 * of its drafter alone (what drafter-only answers with). A tier that thinks is reserved what its
 * thinking may write (worstOutputTokens).
 */
function estimateQuery(pricing: PricingContext, tiers: readonly TierConfig[], inputTokens: number, output: OutputAssumption, startTier = 0): QueryEstimate {
  const drafter = tiers[0] as TierConfig;
  const drafterEstimate = estimateCostNano(pricing, drafter, inputTokens, worstOutputTokens(drafter, output));
  return {
    estimateNano: estimateRunCost(pricing, tiers.slice(startTier), inputTokens, output).costNano,
    drafterEstimateNano: drafterEstimate.costNano ?? 0,
    drafterIsFree: drafterEstimate.pricing === 'energy' || (drafterEstimate.costNano ?? 0) === 0,
    hasVerifier: tiers.length > 1,
  };
}

/**
 * The cheapest query of the main cascade: an empty prompt and the expected output. When a budget
 * cannot admit even this one, its at-limit action applies to every query (BudgetState.nextQuery).
 */
function smallestQuery(config: AppConfig, budget: BudgetConfig): QueryEstimate {
  const inputTokens = estimateInputTokens([{ role: 'user', content: '' }]);
  return estimateQuery(pricingContextFromConfig(config), config.tiers, inputTokens, { expected: budget.expectedOutputTokens });
}

/**
 * The users held to budget.perUser who are near or over one of those limits. Their bars exist
 * only once a user is named, so without this a user about to be refused showed nowhere (not in
 * `cascadeflow budget`, the Savings view, or the report's budget warning) unless asked for by id.
 */
function perUserBudgetsNeedingAttention(store: BudgetStore, budget: BudgetConfig, policy: BudgetPolicy, now: number, smallest: QueryEstimate): BudgetState[] {
  const states: BudgetState[] = [];
  for (const period of ['day', 'month'] as const) {
    if (!(period === 'day' ? budget.perUser?.daily : budget.perUser?.monthly)) continue;
    for (const [user, usage] of store.usageByUser(period, now, now)) {
      for (const spec of perUserSpecs(budget, user).filter((s) => s.period === period)) {
        const state = budgetState(spec, usage, policy, now, smallest);
        if (needsAttention(state)) states.push(state);
      }
    }
  }
  return states.sort((a, b) => b.usedRatio - a.usedRatio || a.name.localeCompare(b.name)).slice(0, MAX_USERS_SHOWN);
}

export function createBudgetGuard(deps: { db: Database.Database; ids: IdGen; clock: Clock }): BudgetGuard {
  const { db, ids, clock } = deps;
  const store = createBudgetStore(db);

  function overridesFor(decision: BudgetDecision): RunOverrides {
    switch (decision.action) {
      case 'prefer-drafter':
        return { threshold: decision.threshold, notes: [decision.reason] };
      case 'drafter-only':
        // The cascade stays whole (its top tier is the baseline); only the drafter may be called.
        return { lastTier: 0, notes: [decision.reason] };
      default:
        return {};
    }
  }

  return {
    store,

    admit(request, config, createdAt) {
      const budget = config.budget;
      const specs = budgetsFor(budget, request.userId);
      if (!isBudgetActive(budget) || specs.length === 0) return NOTHING;

      const plan = planRun(request, config);
      const pricing = pricingContextFromConfig(config);
      const inputTokens = estimateInputTokens(request.messages, request.tools);
      const output: OutputAssumption = { maxTokens: request.maxTokens, expected: budget.expectedOutputTokens };
      const estimate = estimateQuery(pricing, plan.tiers, inputTokens, output, plan.startTier);

      const decideAndReserve = db.transaction(() => {
        const now = clock.now();
        store.purgeExpired(now);
        const decision = decideBudget({
          budgets: specs.map((spec) => ({ spec, usage: store.usage(spec, createdAt, now) })),
          policy: budgetPolicy(budget),
          ...estimate,
          // A threshold already below the near-limit one (asked for, or configured) is never raised.
          requestedThreshold: request.threshold ?? lowest(plan.thresholds.slice(0, -1)),
        });
        if (decision.action === 'refuse') return { decision, id: null };
        const id = ids.next();
        store.reserve({ id, runId: request.runId ?? id, userId: request.userId ?? null, amountNano: decision.reserveNano, createdAt, expiresAt: now + RESERVATION_TTL_MS });
        return { decision, id };
      });
      const { decision, id } = decideAndReserve.immediate();

      if (decision.action === 'refuse' || id === null) {
        throw new ApiFailure('budget_exceeded', `${capitalize(decision.reason)}.`, {
          budget: decision.budget,
          estimateUsd: nanoToUsd(estimate.estimateNano),
        });
      }
      // Deleting twice is harmless, and a settle rolled back with its transaction is then redone.
      const release = () => void store.release(id);
      return { decision, overrides: overridesFor(decision), settle: release, release };
    },

    status(config, userId) {
      const budget = config.budget;
      const now = clock.now();
      if (!isBudgetActive(budget)) return { enabled: false, ...budgetPolicy(budget ?? DEFAULTS), budgets: [], perUser: [] };
      const policy = budgetPolicy(budget);
      const smallest = smallestQuery(config, budget);
      const shown = budgetsToShow(budget, userId).map((spec) => budgetState(spec, store.usage(spec, now, now), policy, now, smallest));
      return {
        enabled: true,
        ...policy,
        budgets: userId ? shown : [...shown, ...perUserBudgetsNeedingAttention(store, budget, policy, now, smallest)],
        perUser: perUserLimits(budget),
      };
    },
  };
}
