// Enforces one call's deadlines and cancellation around an SDK that may not honour them
// promptly (a retry sleep, a body read that never resolves). Every await on the SDK goes
// through `run`, which loses the race the moment the caller aborts or a deadline passes;
// the SDK's own request is aborted through `signal` and cleans up in the background.

export interface CallLimits {
  /** Whole call, from sending the request to the last chunk. */
  timeoutMs: number;
  /** Longest wait for the next piece (headers, then each chunk); covers first byte. */
  idleTimeoutMs: number;
}

/** `deadline`: the caller's own signal timed out (AbortSignal.timeout). */
export type GuardReason = 'cancelled' | 'timeout' | 'idle' | 'deadline';

export class GuardTripped extends Error {
  override readonly name = 'GuardTripped';
  constructor(readonly reason: GuardReason) {
    super(`call ${reason}`);
  }
}

export class CallGuard {
  private readonly controller = new AbortController();
  /** Pass to the SDK / fetch: aborted when the caller cancels or a deadline passes. */
  readonly signal: AbortSignal = this.controller.signal;
  private tripped: GuardReason | undefined;
  private readonly tripListeners = new Set<(r: GuardReason) => void>();
  private readonly totalTimer: ReturnType<typeof setTimeout>;
  private readonly onOuterAbort = () => this.trip(isTimeoutReason(this.outer?.reason) ? 'deadline' : 'cancelled');

  constructor(
    private readonly outer: AbortSignal | undefined,
    readonly limits: CallLimits,
  ) {
    this.totalTimer = setTimeout(() => this.trip('timeout'), limits.timeoutMs);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  get reason(): GuardReason | undefined {
    return this.tripped;
  }

  /** Awaits `p`, failing with GuardTripped as soon as the call is cancelled or times out. */
  run<T>(p: PromiseLike<T>): Promise<T> {
    const settled = Promise.resolve(p);
    // The SDK promise may reject after we gave up on it; that is expected, not unhandled.
    settled.catch(() => undefined);
    if (this.tripped) return Promise.reject(new GuardTripped(this.tripped));
    return new Promise<T>((resolve, reject) => {
      const idle = setTimeout(() => this.trip('idle'), this.limits.idleTimeoutMs);
      const onTrip = (r: GuardReason) => finish(() => reject(new GuardTripped(r)));
      const finish = (f: () => void) => {
        clearTimeout(idle);
        this.tripListeners.delete(onTrip);
        f();
      };
      this.tripListeners.add(onTrip);
      settled.then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(this.tripped ? new GuardTripped(this.tripped) : e)),
      );
    });
  }

  /** Iterates an SDK stream under the guard. */
  async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const r = await this.run(it.next());
        if (r.done) break;
        yield r.value;
      }
      finished = true;
    } finally {
      // Tripped, failed or abandoned by the consumer: let the SDK release its connection.
      if (!finished) void Promise.resolve(it.return?.()).catch(() => undefined);
    }
    // Some SDKs end a stream quietly when it is aborted; never mistake that for a finished answer.
    if (this.tripped) throw new GuardTripped(this.tripped);
  }

  /** Ends the call: stops the timers and aborts whatever the SDK still holds open. */
  dispose(): void {
    clearTimeout(this.totalTimer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new GuardTripped('cancelled'));
  }

  private trip(reason: GuardReason): void {
    if (this.tripped) return;
    this.tripped = reason;
    clearTimeout(this.totalTimer);
    for (const l of [...this.tripListeners]) l(reason);
    this.controller.abort(new GuardTripped(reason));
  }
}

function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}
