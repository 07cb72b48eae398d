// A labelled form control with its hint and its own error message underneath. The message is
// not a live region: linked to its control (invalidProps), it is read on reaching the field, and
// the form says what is wrong once, in one place (settings: its status region; break-even: the
// notice that stands in for the results), instead of every field speaking up at each keystroke.
import type { ReactNode } from 'react';

/** The id of the error message under the control `controlId`. */
export const fieldErrorId = (controlId: string): string => `${controlId}-error`;

/**
 * Spread on a control whose field may show an error: while it does, the control is marked
 * invalid and described by the message, so a screen reader says what is wrong on reaching it
 * (and a form can find its first mistake by [aria-invalid]). Nothing when the field is fine.
 */
export function invalidProps(controlId: string, error: string | null | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error ? { 'aria-invalid': true, 'aria-describedby': fieldErrorId(controlId) } : {};
}

/** `htmlFor` names the control; give that control invalidProps(htmlFor, error) to link the error to it. */
export function Field({ label, htmlFor, hint, error, children, inline = false }: { label: ReactNode; htmlFor?: string; hint?: ReactNode; error?: string | null; children: ReactNode; inline?: boolean }) {
  const errorId = htmlFor ? fieldErrorId(htmlFor) : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${inline ? ' field-inline' : ''}`}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      <div className="field-control">{children}</div>
      {error ? (
        <div className="field-error" id={errorId}>
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}
