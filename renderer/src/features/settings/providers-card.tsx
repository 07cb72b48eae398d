// Where the models live: the Ollama address, cloud API keys (write-only: the UI only learns
// whether a key is set) and the base URL of a vLLM / OpenAI-compatible server.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProviderTestResult, SecretStatus } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../../../shared/api/result.ts';
import type { ProviderKind, TierConfig } from '../../../../shared/core/config/schema.ts';
import { Button } from '../../components/button.tsx';
import { fieldErrorId, invalidProps } from '../../components/field.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatBytes } from '../../lib/format.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { DEFAULT_OLLAMA_URL, PROVIDER_LABELS } from './config-draft.ts';

type TestState = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: ProviderTestResult } | { status: 'error'; error: ApiError };

function useProviderTest() {
  const testProvider = useSettingsStore((s) => s.testProvider);
  const [state, setState] = useState<TestState>({ status: 'idle' });
  const run = useCallback(
    async (provider: ProviderKind, baseUrl?: string) => {
      setState({ status: 'running' });
      const r = await testProvider({ provider, ...(baseUrl ? { baseUrl } : {}) });
      setState(r.ok ? { status: 'done', result: r.value } : { status: 'error', error: r.error });
    },
    [testProvider],
  );
  return [state, run] as const;
}

function TestOutcome({ state }: { state: TestState }) {
  if (state.status === 'done') {
    const { ok, message, models } = state.result;
    return (
      <div className={`provider-status ${ok ? 'status-ok' : 'status-bad'}`} role="status" data-testid="provider-test-result">
        <RichText text={message} />
        {/* The message already counts them ("5 models available"): name the first few. */}
        {ok && models.length > 0 ? ` (${models.slice(0, 4).map((m) => m.name).join(', ')}${models.length > 4 ? ', …' : ''})` : ''}
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="provider-status status-bad" role="status" data-testid="provider-test-result">
        <RichText text={state.error.message} />
      </div>
    );
  }
  return null;
}

/** The address in a connection message ("Connected to Ollama at http://127.0.0.1:11434: ..."). */
export function addressIn(message: string): string | null {
  return /https?:\/\/[^\s:/]+(?::\d+)?(?:\/[^\s:]*)?/.exec(message)?.[0] ?? null;
}

/**
 * Ollama: detected when the page opens (at the configured address, else the server's default:
 * OLLAMA_HOST or 127.0.0.1:11434), with the models it has installed.
 */
export function OllamaProviderRow({ url, onChange, error }: { url: string; onChange: (url: string) => void; error?: string | null }) {
  const [state, run] = useProviderTest();
  const urlAtStart = useRef(url);
  useEffect(() => {
    void run('ollama', urlAtStart.current.trim() || undefined);
  }, [run]);
  const detected = state.status === 'done' && state.result.ok ? state.result : null;
  const detectedAt = detected ? addressIn(detected.message) : null;
  return (
    <div className="provider-row" data-field-context="Ollama">
      <div className="provider-name">
        Ollama
        <span className="card-sub">models on this machine</span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="provider-ollama-url">
          Base URL
        </label>
        <input id="provider-ollama-url" type="url" value={url} placeholder={DEFAULT_OLLAMA_URL} onChange={(e) => onChange(e.target.value)} {...invalidProps('provider-ollama-url', error)} />
        {error && (
          <div className="field-error" id={fieldErrorId('provider-ollama-url')}>
            {error}
          </div>
        )}
        {state.status === 'running' && <div className="provider-status muted">Looking for Ollama…</div>}
        {state.status === 'error' && (
          <div className="provider-status status-bad" role="status" data-testid="provider-test-result">
            <RichText text={state.error.message} />
          </div>
        )}
        {state.status === 'done' && (
          <div className={`provider-status ${state.result.ok ? 'status-ok' : 'status-bad'}`} role="status" data-testid="provider-test-result">
            <RichText text={state.result.message} />
            {detectedAt && !url.trim() && (
              <Button size="sm" variant="ghost" onClick={() => onChange(detectedAt)}>
                Use {detectedAt}
              </Button>
            )}
          </div>
        )}
        {detected && detected.models.length > 0 && (
          <ul className="installed-models" aria-label="Installed Ollama models" data-testid="ollama-installed-models">
            {detected.models.map((m) => {
              const details = [m.parameterSize, m.quantization, m.sizeBytes !== undefined ? formatBytes(m.sizeBytes) : undefined].filter(Boolean).join(' · ');
              return (
                <li key={m.name}>
                  <strong>{m.name}</strong>
                  {details && <span className="muted"> {details}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div style={{ paddingTop: 24 }}>
        <Button busy={state.status === 'running'} onClick={() => void run('ollama', url.trim() || undefined)} data-testid="test-ollama">
          Test connection
        </Button>
      </div>
    </div>
  );
}

export function UrlProviderRow({ provider, title, sub, url, placeholder, onChange, error }: { provider: ProviderKind; title: string; sub: string; url: string; placeholder: string; onChange: (url: string) => void; error?: string | null }) {
  const [state, run] = useProviderTest();
  const id = `provider-${provider}-url`;
  return (
    <div className="provider-row" data-field-context={title}>
      <div className="provider-name">
        {title}
        <span className="card-sub">{sub}</span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={id}>
          Base URL
        </label>
        <input id={id} type="url" value={url} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} {...invalidProps(id, error)} />
        {error && (
          <div className="field-error" id={fieldErrorId(id)}>
            {error}
          </div>
        )}
        <TestOutcome state={state} />
      </div>
      <div style={{ paddingTop: 24 }}>
        <Button busy={state.status === 'running'} onClick={() => void run(provider, url.trim() || undefined)}>
          Test connection
        </Button>
      </div>
    </div>
  );
}

const KEY_PROVIDERS: { provider: ProviderKind; secret: string; sub: string }[] = [
  { provider: 'openai', secret: 'OPENAI_API_KEY', sub: 'gpt-4o, gpt-4.1, o3…' },
  { provider: 'anthropic', secret: 'ANTHROPIC_API_KEY', sub: 'Claude models' },
  { provider: 'groq', secret: 'GROQ_API_KEY', sub: 'fast hosted open models' },
];

/**
 * A row per cloud provider's key, and one per other key variable a tier names (a vLLM server
 * behind a key, a second OpenAI account), so that "set X in Settings" always has a place here.
 */
export function KeyProviderRows({ secrets, tiers }: { secrets: SecretStatus[]; tiers: readonly TierConfig[] }) {
  const fixed = new Set(KEY_PROVIDERS.map((p) => p.secret));
  const custom = secrets
    .filter((s) => !fixed.has(s.name))
    .map((s) => {
      const users = tiers.filter((t) => t.apiKeyEnv === s.name);
      return { secret: s.name, status: s, provider: users[0]?.provider ?? ('openai-compatible' as const), sub: users.length > 0 ? `the key of ${[...new Set(users.map((t) => t.model))].join(', ')}` : 'a key no tier uses now' };
    });
  return (
    <>
      {KEY_PROVIDERS.map((p) => (
        <KeyRow key={p.provider} provider={p.provider} secret={p.secret} sub={p.sub} status={secrets.find((s) => s.name === p.secret) ?? null} baseUrl={keyAddress(tiers, p.provider, p.secret)} />
      ))}
      {custom.map((c) => (
        <KeyRow key={c.secret} provider={c.provider} secret={c.secret} sub={c.sub} status={c.status} named />
      ))}
    </>
  );
}

/**
 * Where a provider's own key is used: the address of the first tier of that provider that sets one
 * and reads this key; undefined (the provider's default address) when none does. A key is tested
 * there, not at the public API a proxy or gateway stands in front of.
 */
export function keyAddress(tiers: readonly TierConfig[], provider: ProviderKind, secret: string): string | undefined {
  return tiers.find((t) => t.provider === provider && (t.apiKeyEnv ?? secret) === secret && t.baseUrl?.trim())?.baseUrl?.trim();
}

/** `named`: a row for a key variable of its own, titled by the variable rather than the provider. */
function KeyRow({ provider, secret, sub, status, named = false, baseUrl }: { provider: ProviderKind; secret: string; sub: string; status: SecretStatus | null; named?: boolean; baseUrl?: string | undefined }) {
  const setSecret = useSettingsStore((s) => s.setSecret);
  const deleteSecret = useSettingsStore((s) => s.deleteSecret);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [state, run] = useProviderTest();
  const id = named ? `key-${secret}` : `key-${provider}`;

  const save = async () => {
    setBusy(true);
    const e = await setSecret(secret, value);
    setBusy(false);
    setError(e?.message ?? null);
    if (e) return;
    setValue('');
    // A mistyped or revoked key shows here, next to the box it was pasted in, rather than as
    // a failed answer later. A named key has no test of its own (see below).
    if (!named) void run(provider, baseUrl);
  };
  const remove = async () => {
    setBusy(true);
    const e = await deleteSecret(secret);
    setBusy(false);
    setError(e?.message ?? null);
  };

  const statusText = !status?.isSet ? 'not set' : status.source === 'env' ? `key set (from the ${secret} environment variable)` : 'key set';
  return (
    <div className="provider-row">
      <div className="provider-name">
        {named ? <code className="key-name">{secret}</code> : PROVIDER_LABELS[provider]}
        <span className="card-sub">{sub}</span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={id}>
          API key <span className={status?.isSet ? 'status-ok' : 'muted'} data-testid={named ? `key-status-${secret}` : `key-status-${provider}`}>· {statusText}</span>
        </label>
        <div className="field-control">
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            placeholder={status?.isSet ? 'Enter a new key to replace it' : `Paste your ${PROVIDER_LABELS[provider]} key`}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && value && void save()}
          />
          <Button variant="primary" disabled={!value} busy={busy} onClick={() => void save()}>
            Save key
          </Button>
          {status?.isSet && status.source === 'store' && (
            <Button variant="ghost" disabled={busy} onClick={() => void remove()}>
              Remove
            </Button>
          )}
        </div>
        {error ? <div className="field-error">{error}</div> : <div className="field-hint">Kept on this machine, never shown again, and sent only to {PROVIDER_LABELS[provider]}.</div>}
        <TestOutcome state={state} />
      </div>
      {/* The connection test uses the provider's own key variable; a named key is tested by asking a question. */}
      {!named && (
        <div style={{ paddingTop: 24 }}>
          <Button busy={state.status === 'running'} disabled={!status?.isSet} onClick={() => void run(provider, baseUrl)} title={status?.isSet ? undefined : 'Set a key first'}>
            Test connection
          </Button>
        </div>
      )}
    </div>
  );
}
