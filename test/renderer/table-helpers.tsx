import { act, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { App } from '../../renderer/App';
import { call } from '../../renderer/api';
import { renderWithLedger } from './render';

export type Rendered = ReturnType<typeof renderWithLedger>;

/**
 * jsdom lays nothing out: give the table's scroll area a size so that the virtual list draws its rows.
 * Returns the function that takes the size away again.
 */
export function sized(axis: 'clientHeight' | 'clientWidth', value: number): () => void {
  const original = Object.getOwnPropertyDescriptor(Element.prototype, axis)!;
  Object.defineProperty(HTMLElement.prototype, axis, {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-virtual-scroll') ? value : original.get!.call(this);
    },
  });
  return () => delete (HTMLElement.prototype as unknown as Record<string, unknown>)[axis];
}

/** The whole app over a fresh ledger holding the sample, with the table drawn. */
export async function openSample(): Promise<Rendered> {
  const r = renderWithLedger(<App />);
  await act(() => call('ledger.addSample', {}));
  await screen.findByRole('grid');
  await waitFor(() => expect(document.querySelector('[data-code="1-1"]')).not.toBeNull());
  return r;
}

/** The table cell of a problem (by code) and column (by field). */
export function cell(code: string, field: string): HTMLElement {
  const el = document.querySelector(`[data-code="${code}"] [data-field="${field}"]`);
  if (!el) throw new Error(`no cell ${code} ${field}`);
  return el as HTMLElement;
}
