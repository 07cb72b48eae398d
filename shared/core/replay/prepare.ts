// Turns a parsed trace into what a replay needs for a chosen tier list: each query's recorded
// answers ready to stream, their costs and labels. Queries missing an answer of a tier are set
// aside and reported, never silently dropped.
import type { PricingContext } from '../pricing/index.ts';
import { extraSamples, MAX_SAMPLES } from '../cascade/sampling.ts';
import type { ChatMessage } from '../model.ts';
import { prepareAnswer, toChatMessages, type PreparedAnswer, type ReplayTiming } from './recorded-provider.ts';
import { modelsDeclaredLocal, recordedCostNano, ReplayInputError, resolveReplayTier, replayPricingContext, withDeclaredLocal, type ReplayPricingOptions, type ResolvedTier } from './replay-pricing.ts';
import { agreementLabelOf, isFromLedger, labelOf, type LabelSource, type RecordedResponse, type TraceLine } from './trace.ts';
import { countChatTokensCached } from './token-counts.ts';
import type { ReplayMatrix } from './metrics.ts';

/** `agreement`: share of answers agreeing with the recording's top model (no other labels). */
export type QualityMetric = 'accuracy' | 'score' | 'agreement' | 'none';

export interface PreparedItem {
  id: string;
  line: number;
  category?: string;
  messages: ChatMessage[];
  /** Keyed by model id; only the replayed tiers' answers. */
  answers: Map<string, PreparedAnswer>;
  /** Per tier index. */
  costNano: number[];
  labels: (number | null)[];
}

export interface ExcludedItem {
  id: string;
  line: number;
  missing: string[];
}

/** What a replay of (partly) ledger items measures: the set is biased, and its labels are of two kinds. */
export interface LedgerShare {
  /** Replayed queries imported from the app's ledger. */
  queries: number;
  /** Their replayed answers by where the label used came from (importers/ledger.ts). */
  labels: Record<LabelSource, number>;
}

export interface PreparedReplay {
  tiers: ResolvedTier[];
  pricing: PricingContext;
  timing: ReplayTiming;
  items: PreparedItem[];
  excluded: ExcludedItem[];
  /**
   * Queries with an answer of every tier but no label for one of them (`missing`: those models),
   * set aside when other queries are labelled for every tier, so that quality, escalation and
   * cost are all measured on the same queries. Empty when no query is labelled.
   */
  unlabelled: ExcludedItem[];
  /** Null when no replayed query comes from the ledger. */
  ledger: LedgerShare | null;
  metric: QualityMetric;
  /** Models priced from token counts counted from the text (the trace had neither usage nor cost_usd). */
  countedUsage: string[];
}

export interface PrepareOptions extends ReplayPricingOptions {
  timing: ReplayTiming;
  /**
   * Answers each drafter draws for the consistency check (the tiers' `samples`): 1 = the draft
   * alone. More needs that many answers per drafter in the trace (`record --samples`); their cost
   * is part of the drafter's.
   */
  samples?: number;
}

/**
 * The lines with an answer of every model, and `samples - 1` extra answers of each drafter (every
 * model but the last); the others set aside with what they miss. Throws when no line is left.
 */
export function partitionByAnswers(lines: readonly TraceLine[], models: readonly string[], samples: number): { included: TraceLine[]; excluded: ExcludedItem[] } {
  if (!Number.isInteger(samples) || samples < 1 || samples > MAX_SAMPLES) throw new ReplayInputError(`--samples must be a whole number from 1 to ${MAX_SAMPLES} (got ${samples})`);
  const extra = samples - 1;
  const drafters = models.slice(0, -1);

  const included: TraceLine[] = [];
  const excluded: ExcludedItem[] = [];
  for (const l of lines) {
    const missing = models.filter((m) => !Object.hasOwn(l.item.responses, m));
    const tooFewSamples = drafters.filter((m) => !missing.includes(m) && (l.item.responses[m]?.samples?.length ?? 0) < extra);
    missing.push(...tooFewSamples.map((m) => `${extra} samples of ${m}`));
    if (missing.length > 0) excluded.push({ id: l.item.id, line: l.line, missing });
    else included.push(l);
  }
  if (included.length === 0) {
    const known = [...new Set(lines.flatMap((l) => Object.keys(l.item.responses)))].sort();
    const whole = lines.some((l) => models.every((m) => Object.hasOwn(l.item.responses, m)));
    if (whole) {
      throw new ReplayInputError(`no query of the trace has ${extra} extra samples of ${drafters.join(', ')} for --samples ${samples}; record them with \`cascadeflow record --samples ${samples}\``, {
        field: 'samples',
        samples,
        extra,
        drafters,
      });
    }
    throw new ReplayInputError(`no query of the trace has answers from all of ${models.join(', ')}; the trace's models are: ${known.join(', ')}`);
  }
  return { included, excluded };
}

/**
 * The label a replay uses for a response under the trace's metric. A ledger answer the user did
 * not rate says it is labelled by agreement with the top tier's (`label_source`): with the
 * ratings, it counts as right or wrong. Never mixed with scores.
 */
export function labelFor(r: RecordedResponse, metric: QualityMetric): number | null {
  if (metric === 'agreement' || (metric === 'accuracy' && r.label_source === 'agreement')) return agreementLabelOf(r);
  return labelOf(r);
}

function isLabelledFor(l: TraceLine, model: string, metric: QualityMetric): boolean {
  const r = l.item.responses[model];
  return r !== undefined && labelFor(r, metric) !== null;
}

/**
 * The lines whose every model's answer has a label, and the others set aside with the models they
 * miss one for; every line when none is labelled (cost and escalation are then still measured;
 * `fullyLabelled` says which).
 * Quality can only be averaged over fully labelled queries, and the oracle can only route those:
 * measuring cost and escalation over more queries than quality would count, at a low threshold,
 * the saving on queries whose lost quality nobody measured.
 */
export function partitionByLabels(lines: readonly TraceLine[], models: readonly string[], metric: QualityMetric): { labelled: TraceLine[]; unlabelled: ExcludedItem[]; fullyLabelled: boolean } {
  const labelled: TraceLine[] = [];
  const unlabelled: ExcludedItem[] = [];
  for (const l of lines) {
    const missing = models.filter((m) => !isLabelledFor(l, m, metric));
    if (missing.length === 0) labelled.push(l);
    else unlabelled.push({ id: l.item.id, line: l.line, missing });
  }
  return labelled.length === 0 ? { labelled: [...lines], unlabelled: [], fullyLabelled: false } : { labelled, unlabelled, fullyLabelled: true };
}

/**
 * The queries a replay measures, chosen once for a set of models: those with every model's
 * answers (`excluded`: the others), of those the ones labelled for every model (`unlabelled`: the
 * others; every one when none is labelled), and the metric their labels are read with. Comparing
 * several tier lists on one trace (evaluate's drafters) selects once over all of their models and
 * prepares each list from the same selection, so that every list is measured on the same queries.
 */
export interface ReplaySelection {
  /** The models the selection was made over; a tier list prepared from it uses some of them. */
  models: readonly string[];
  samples: number;
  included: TraceLine[];
  excluded: ExcludedItem[];
  unlabelled: ExcludedItem[];
  metric: QualityMetric;
  /** Whether every included query is labelled for every model (false when none is). */
  fullyLabelled: boolean;
}

export function selectReplay(lines: readonly TraceLine[], models: readonly string[], samples: number): ReplaySelection {
  const answered = partitionByAnswers(lines, models, samples);
  const metric = metricOf(answered.included, models);
  const { labelled, unlabelled, fullyLabelled } = partitionByLabels(answered.included, models, metric);
  return { models, samples, included: labelled, excluded: answered.excluded, unlabelled, metric, fullyLabelled };
}

export function prepareReplay(lines: readonly TraceLine[], models: readonly string[], opts: PrepareOptions): PreparedReplay {
  if (models.length === 0) throw new ReplayInputError('--tiers needs at least one model');
  const duplicate = models.find((m, i) => models.indexOf(m) !== i);
  if (duplicate) throw new ReplayInputError(`--tiers lists "${duplicate}" twice`);
  return prepareSelection(selectReplay(lines, models, opts.samples ?? 1), models, opts);
}

/** A tier list (some of the selection's models) ready to replay on the selection's queries, read with its metric. */
export function prepareSelection(selection: ReplaySelection, models: readonly string[], opts: PrepareOptions): PreparedReplay {
  const foreign = models.filter((m) => !selection.models.includes(m));
  if (foreign.length > 0) throw new Error(`the selection was made without ${foreign.join(', ')}`);
  const { included, excluded, unlabelled, metric, samples } = selection;
  const extra = samples - 1;

  const needsPrice = (m: string) => included.some((l) => l.item.responses[m]?.cost_usd === undefined);
  const pricingOpts = withDeclaredLocal(opts, modelsDeclaredLocal(included));
  const tiers = models.map((m, i) => {
    const needs = needsPrice(m);
    const resolved = withAssumedSpeed(resolveReplayTier(m, pricingOpts, needs), needs, opts.timing);
    return extra > 0 && i < models.length - 1 ? { ...resolved, tier: { ...resolved.tier, samples } } : resolved;
  });
  const pricing = replayPricingContext(opts);
  const counted = new Set<string>();

  const items = included.map(({ item, line }): PreparedItem => {
    const messages = toChatMessages(item);
    const inputTokens = countChatTokensCached(messages);
    const answers = new Map<string, PreparedAnswer>();
    const costNano: number[] = [];
    const labels: (number | null)[] = [];
    tiers.forEach(({ tier }) => {
      const response = item.responses[tier.model];
      if (!response) throw new Error(`unreachable: ${tier.model} checked above`);
      const answer = prepareAnswer(messages, response, opts.timing, inputTokens, extraSamples(tier.samples));
      // Counted tokens matter only where they price the answer (no recorded cost_usd).
      if (answer.counted && response.cost_usd === undefined) counted.add(tier.model);
      answers.set(tier.model, answer);
      // A drafter that samples always pays for its samples too: they are drawn beside the draft.
      const sampled = answer.samples.reduce((sum, a, k) => sum + recordedCostNano(pricing, tier, response.samples?.[k] ?? {}, a), 0);
      costNano.push(recordedCostNano(pricing, tier, response, answer) + sampled);
      labels.push(labelFor(response, metric));
    });
    return { id: item.id, line, ...(item.category !== undefined ? { category: item.category } : {}), messages, answers, costNano, labels };
  });

  return { tiers, pricing, timing: opts.timing, items, excluded, unlabelled, ledger: ledgerShare(included, models, metric), metric, countedUsage: [...counted] };
}

/** The ledger share of a whole selection, over every model it was made over (evaluate's drafters and verifier). */
export function selectionLedgerShare(selection: ReplaySelection): LedgerShare | null {
  return ledgerShare(selection.included, selection.models, selection.metric);
}

function ledgerShare(lines: readonly TraceLine[], models: readonly string[], metric: QualityMetric): LedgerShare | null {
  const fromLedger = lines.filter((l) => isFromLedger(l.item));
  if (fromLedger.length === 0) return null;
  const labels: Record<LabelSource, number> = { feedback: 0, agreement: 0 };
  for (const { item } of fromLedger) {
    for (const m of models) {
      const r = item.responses[m];
      if (r === undefined || labelFor(r, metric) === null) continue;
      // Under the agreement metric every label used is agreement, whatever the answer's own source.
      labels[metric === 'agreement' ? 'agreement' : (r.label_source ?? 'feedback')]++;
    }
  }
  return { queries: fromLedger.length, labels };
}

/**
 * An energy-priced model whose answers carry no cost is priced by a generation time the trace
 * does not have: output tokens at the assumed speed. Said with the price, as it moves the cost
 * as much as the watts do.
 */
function withAssumedSpeed(r: ResolvedTier, needsPrice: boolean, timing: ReplayTiming): ResolvedTier {
  if (r.pricing !== 'energy' || !needsPrice) return r;
  const speed = timing.tokensPerSecond;
  return { ...r, description: `${r.description}, generating ${speed.toLocaleString('en-US')} tokens/s (assumed)`, assumedTokensPerSecond: speed };
}

/**
 * Accuracy when the labels are right/wrong, mean score when they are grades; never a mix.
 * Agreement with the top model only when there is neither: a real label always wins (an answer
 * whose trace says it is labelled by agreement, as a ledger trace's unrated ones, then counts as
 * right or wrong beside the ratings: labelFor).
 */
export function metricOf(lines: readonly TraceLine[], models: readonly string[]): QualityMetric {
  let correct = 0;
  let scored = 0;
  let agreement = 0;
  for (const { item } of lines) {
    for (const m of models) {
      const r = item.responses[m];
      if (r?.correct !== undefined) correct++;
      else if (r?.score !== undefined) scored++;
      else if (r?.agrees_with_top !== undefined) agreement++;
    }
  }
  if (correct === 0 && scored === 0 && agreement > 0) return 'agreement';
  if (correct > 0 && scored > 0) {
    throw new ReplayInputError(`the trace mixes right/wrong labels ("correct", ${correct} answers) with scores ("score", ${scored} answers) for these models; quality cannot average both`);
  }
  return correct > 0 ? 'accuracy' : scored > 0 ? 'score' : 'none';
}

export function matrixOf(p: PreparedReplay): ReplayMatrix {
  return { tierCount: p.tiers.length, tiers: p.tiers.map((t) => t.tier.model), labels: p.items.map((i) => i.labels), costNano: p.items.map((i) => i.costNano) };
}
