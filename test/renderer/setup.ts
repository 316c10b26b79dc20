import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// antd reads matchMedia (responsive grid) and ResizeObserver (virtual lists); jsdom has neither.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
// antd's Modal/Drawer measure scrollbars.
window.getComputedStyle = ((orig) => (elt: Element, pseudo?: string | null) => orig(elt, pseudo ?? undefined))(window.getComputedStyle);

// The to-do view opens first when there is something to do (renderer/todo/todoFirst.ts): the sample
// ledger always has overdue items, so tests of other pages turn that off; the to-do tests turn it on.
beforeEach(() => localStorage.setItem('ledger-todo-first', 'off'));

// Waits are on an element or a state. Testing Library's default bound of 1 s made them waits on time: on a
// busy machine (the core tests run beside these) a reload of the real service behind the fake bridge can take
// longer, and a correct test failed now and then. The bound only stops a test that would otherwise hang; it
// stays under the project's testTimeout so that such a test fails with the element it was waiting for.
configure({ asyncUtilTimeout: 20_000 });

afterEach(() => cleanup());
