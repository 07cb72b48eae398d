// Every signal the validator runs, in the order their results are reported.
import type { DraftToCheck, SignalName, SignalResult } from '../types.ts';
import { alignmentSignal } from './alignment.ts';
import { arithmeticSignal } from './arithmetic.ts';
import { codeBlocksSignal } from './code-blocks.ts';
import { confidenceSignal } from './confidence.ts';
import { consistencySignal } from './consistency.ts';
import { degenerateSignal } from './degenerate.ts';
import { finalAnswerSignal } from './final-answer.ts';
import { jsonFormatSignal } from './json-format.ts';
import { refusalSignal } from './refusal.ts';
import { selfRevisionSignal } from './self-revision.ts';
import { toolCallsSignal } from './tool-calls.ts';
import { truncationSignal } from './truncation.ts';

export type Signal = (draft: DraftToCheck) => SignalResult;

export const SIGNALS: Record<SignalName, Signal> = {
  confidence: confidenceSignal,
  refusal: refusalSignal,
  truncation: truncationSignal,
  degenerate: degenerateSignal,
  arithmetic: arithmeticSignal,
  final_answer: finalAnswerSignal,
  self_revision: selfRevisionSignal,
  consistency: consistencySignal,
  json_format: jsonFormatSignal,
  code_blocks: codeBlocksSignal,
  tool_calls: toolCallsSignal,
  alignment: alignmentSignal,
};

export {
  alignmentSignal,
  arithmeticSignal,
  codeBlocksSignal,
  confidenceSignal,
  consistencySignal,
  degenerateSignal,
  finalAnswerSignal,
  jsonFormatSignal,
  refusalSignal,
  selfRevisionSignal,
  toolCallsSignal,
  truncationSignal,
};
