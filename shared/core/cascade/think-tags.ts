// Reasoning models (DeepSeek-R1, Qwen3, QwQ…) served without a reasoning parser (vLLM without
// --reasoning-parser, llama.cpp, LM Studio, older Ollama) write their reasoning into the answer
// as `<think>…</think>` before the answer proper. Left in, the chat would show it as the answer
// and the validator would judge the model's scratch work: a crossed-out wrong step in the
// reasoning is not a wrong answer. This splits a streamed answer into reasoning and answer as
// the chunks arrive, holding back only what could still be the start of a tag.

export interface AnswerPiece {
  kind: 'text' | 'thinking';
  text: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** The length of the longest end of `text` that could be the start of `tag`. */
function partialTagAt(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

export class ThinkTagSplitter {
  /** `start`: nothing but whitespace seen yet, so the answer may still open with a tag. */
  private state: 'start' | 'thinking' | 'answer' = 'start';
  private pending = '';
  /** After the reasoning: the blank lines before the answer proper are not part of it. */
  private trimLead = false;

  /** True once the reasoning (if any) is over: what arrives now is the answer. */
  get inAnswer(): boolean {
    return this.state === 'answer';
  }

  push(chunk: string): AnswerPiece[] {
    this.pending += chunk;
    const out: AnswerPiece[] = [];
    if (this.state === 'start') {
      const lead = this.pending.trimStart();
      if (lead.startsWith(OPEN)) {
        this.state = 'thinking';
        this.pending = lead.slice(OPEN.length);
      } else if (OPEN.startsWith(lead)) {
        return out; // "", "<", "<thi"…: too early to tell
      } else {
        this.state = 'answer';
      }
    }
    if (this.state === 'thinking') {
      const end = this.pending.indexOf(CLOSE);
      if (end < 0) {
        const keep = partialTagAt(this.pending, CLOSE);
        emit(out, 'thinking', this.pending.slice(0, this.pending.length - keep));
        this.pending = this.pending.slice(this.pending.length - keep);
        return out;
      }
      emit(out, 'thinking', this.pending.slice(0, end));
      this.state = 'answer';
      this.trimLead = true;
      this.pending = this.pending.slice(end + CLOSE.length);
    }
    if (this.trimLead) {
      this.pending = this.pending.trimStart();
      if (this.pending.length > 0) this.trimLead = false;
    }
    emit(out, 'text', this.pending);
    this.pending = '';
    return out;
  }

  /** What is still held back when the stream ends: a cut-off tag is text of its kind. */
  end(): AnswerPiece[] {
    const out: AnswerPiece[] = [];
    emit(out, this.state === 'thinking' ? 'thinking' : 'text', this.pending);
    this.pending = '';
    return out;
  }
}

function emit(out: AnswerPiece[], kind: AnswerPiece['kind'], text: string): void {
  if (text.length > 0) out.push({ kind, text });
}

/**
 * DeepSeek-R1 and its distills open their reasoning in the chat template, so a server without a
 * reasoning parser streams it with no `<think>` and only the closing `</think>` on its own line.
 * That is known only once the tag arrives, so this splits the finished answer; the chat then
 * replaces what it streamed. A `</think>` inside a code block, or after an opening tag, is text.
 */
export function splitLateReasoning(text: string): { thinking: string; text: string } | null {
  if (text.includes(OPEN)) return null;
  const close = /(^|\n)<\/think>[ \t]*(\n|$)/.exec(text);
  if (!close) return null;
  const before = text.slice(0, close.index);
  if ((before.match(/^\s*```/gm) ?? []).length % 2 === 1) return null;
  return { thinking: before, text: text.slice(close.index + close[0].length).trimStart() };
}
