// Your own prices per model (config.prices): they win over the bundled list prices, and give
// a price to models the list does not know (a hosted fine-tune, a private endpoint).
import { Button } from '../../components/button.tsx';
import { fieldErrorId, invalidProps } from '../../components/field.tsx';
import { PlusIcon, TrashIcon } from '../../components/icons.tsx';
import { newTierKey, type PriceDraft } from './config-draft.ts';
import { KNOWN_MODELS_LIST } from './tier-list-editor.tsx';

export interface PriceOverridesEditorProps {
  prices: PriceDraft[];
  onChange: (prices: PriceDraft[]) => void;
  errors: Record<string, string>;
}

export function PriceOverridesEditor({ prices, onChange, errors }: PriceOverridesEditorProps) {
  const set = (i: number, patch: Partial<PriceDraft>) => onChange(prices.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const add = () => onChange([...prices, { key: newTierKey(), model: '', priceIn: '', priceOut: '', cachedIn: '' }]);

  return (
    <div className="price-overrides" data-testid="price-overrides">
      {prices.length > 0 && (
        <table className="data form-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Input $/M tokens</th>
              <th>Output $/M tokens</th>
              <th>Cached input $/M</th>
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {prices.map((p, i) => {
              const path = `prices.${p.model.trim()}`;
              const id = (field: string) => `price-${i}-${field}`;
              const cell = (field: 'priceIn' | 'priceOut' | 'cachedIn', errorKey: string, label: string, placeholder = '') => {
                const error = errors[`${path}.${errorKey}`] ?? (field === 'priceIn' ? errors[path] : undefined);
                return (
                  <td>
                    <input id={id(field)} aria-label={`${label} for ${p.model || `row ${i + 1}`}`} inputMode="decimal" value={p[field]} placeholder={placeholder} {...invalidProps(id(field), error)} onChange={(e) => set(i, { [field]: e.target.value })} />
                    {error && (
                      <div className="field-error" id={fieldErrorId(id(field))}>
                        {error}
                      </div>
                    )}
                  </td>
                );
              };
              const modelError = errors[`priceModel.${p.key}`];
              return (
                <tr key={p.key}>
                  <td>
                    <input id={id('model')} aria-label={`Model of price row ${i + 1}`} list={KNOWN_MODELS_LIST} value={p.model} placeholder="e.g. gpt-4o-mini" {...invalidProps(id('model'), modelError)} onChange={(e) => set(i, { model: e.target.value })} />
                    {modelError && (
                      <div className="field-error" id={fieldErrorId(id('model'))}>
                        {modelError}
                      </div>
                    )}
                  </td>
                  {cell('priceIn', 'inputPerMTok', 'Input price')}
                  {cell('priceOut', 'outputPerMTok', 'Output price')}
                  {cell('cachedIn', 'cachedInputPerMTok', 'Cached input price', 'same as input')}
                  <td>
                    <Button size="sm" variant="ghost" icon={<TrashIcon />} aria-label={`Remove the price of ${p.model || `row ${i + 1}`}`} onClick={() => onChange(prices.filter((_, j) => j !== i))} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div>
        <Button icon={<PlusIcon />} onClick={add} data-testid="add-price">
          Add a price
        </Button>
      </div>
    </div>
  );
}
