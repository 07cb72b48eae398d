// Per-domain cascades: questions whose words match a domain's keywords (or that the router
// classifies as that domain) use its own tier list and, optionally, its own threshold.
import { Button } from '../../components/button.tsx';
import { Field, invalidProps } from '../../components/field.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { emptyTier, newTierKey, type DomainDraft } from './config-draft.ts';
import { TierListEditor } from './tier-list-editor.tsx';

export interface DomainsEditorProps {
  domains: DomainDraft[];
  onChange: (domains: DomainDraft[]) => void;
  errors: Record<string, string>;
}

/** The server's error path of a domain (`domains.code`), or a local error on its name. */
function nameError(d: DomainDraft, errors: Record<string, string>): string | null {
  return errors[`domainName.${d.key}`] ?? errors[`domains.${d.name.trim()}`] ?? null;
}

export function DomainsEditor({ domains, onChange, errors }: DomainsEditorProps) {
  const set = (i: number, patch: Partial<DomainDraft>) => onChange(domains.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const add = () => onChange([...domains, { key: newTierKey(), name: '', keywords: '', threshold: '', tiers: [emptyTier('ollama'), emptyTier()] }]);

  return (
    <div className="domains" data-testid="domains-editor">
      {domains.length === 0 && <p className="card-sub">No domains: every question uses the cascade above.</p>}
      {domains.map((d, i) => {
        const prefix = `domains.${d.name.trim()}`;
        const id = `domain-${i}`;
        const errorOf = { name: nameError(d, errors), keywords: errors[`${prefix}.keywords`] ?? null, threshold: errors[`${prefix}.threshold`] ?? null };
        return (
          <section key={d.key} className="domain" aria-label={`Domain ${d.name || i + 1}`} data-field-context={`domain ${d.name.trim() || i + 1}`}>
            <div className="domain-head">
              <Field label="Domain name" htmlFor={`${id}-name`} error={errorOf.name}>
                <input id={`${id}-name`} {...invalidProps(`${id}-name`, errorOf.name)} value={d.name} placeholder="e.g. code" onChange={(e) => set(i, { name: e.target.value.toLowerCase() })} />
              </Field>
              <Field label="Keywords" htmlFor={`${id}-keywords`} error={errorOf.keywords} hint="Comma-separated; a question containing one of these words uses this cascade.">
                <input id={`${id}-keywords`} {...invalidProps(`${id}-keywords`, errorOf.keywords)} value={d.keywords} placeholder="python, javascript, stack trace" onChange={(e) => set(i, { keywords: e.target.value })} />
              </Field>
              <Field label="Threshold" htmlFor={`${id}-threshold`} error={errorOf.threshold} hint="0 to 1; empty = the global threshold">
                <input id={`${id}-threshold`} {...invalidProps(`${id}-threshold`, errorOf.threshold)} inputMode="decimal" value={d.threshold} placeholder="global" onChange={(e) => set(i, { threshold: e.target.value })} />
              </Field>
              <div className="domain-remove">
                <Button size="sm" variant="ghost" icon={<TrashIcon />} onClick={() => onChange(domains.filter((_, j) => j !== i))}>
                  Remove domain
                </Button>
              </div>
            </div>
            <TierListEditor tiers={d.tiers} onChange={(tiers) => set(i, { tiers })} errors={errors} errorPrefix={`${prefix}.tiers`} idPrefix={`${id}-tier`} />
          </section>
        );
      })}
      <div>
        <Button icon={<PlusIcon />} onClick={add} data-testid="add-domain">
          Add domain
        </Button>
      </div>
    </div>
  );
}
