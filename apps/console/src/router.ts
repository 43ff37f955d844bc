// A hash router: `#/<page>?<query>`, so the gateway serves one index.html for every view.
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [page = '', query = ''] = raw.split('?', 2);
  return { page: page || 'overview', query: new URLSearchParams(query) };
}

export function navigate(page: string, query?: Record<string, string>): void {
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  window.location.hash = `#/${page}${search}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    // No hash yet: show the default page's address without adding a history entry.
    if (!window.location.hash) window.history.replaceState(null, '', '#/overview');
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
