import { useEffect, useState } from 'react';

/** Pages are addressed by the URL hash (#/stats?asOf=…): works under file:// and on the web host alike. */
export interface Route {
  page: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [page, query] = h.split('?') as [string, string | undefined];
  return { page: page || 'ledger', params: new URLSearchParams(query ?? '') };
}

export function navigate(page: string, params?: Record<string, string>): void {
  const q = params ? new URLSearchParams(params).toString() : '';
  window.location.hash = `#/${page}${q ? '?' + q : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
