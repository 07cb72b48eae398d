// A labelled form control with its hint and its own error message underneath.
import type { ReactNode } from 'react';

export function Field({ label, htmlFor, hint, error, children, inline = false }: { label: ReactNode; htmlFor?: string; hint?: ReactNode; error?: string | null; children: ReactNode; inline?: boolean }) {
  const errorId = htmlFor ? `${htmlFor}-error` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${inline ? ' field-inline' : ''}`}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}
