import { useEffect, useState } from 'preact/hooks';

/** Hash routes: `#/view/arg?key=value`. Views register by their first path part (see views.ts). */
export interface Route {
  view: string;
  arg: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?', 2);
  const [view, ...rest] = path.split('/');
  return { view: view || 'documents', arg: decodeURIComponent(rest.join('/')), params: new URLSearchParams(query) };
}

export function href(view: string, arg?: string, params?: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ''}${s ? `?${s}` : ''}`;
}

export function go(view: string, arg?: string, params?: Record<string, string | number | undefined>): void {
  location.hash = href(view, arg, params);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
