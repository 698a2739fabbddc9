/**
 * Where `liff.state` asks to go, resolved under the LIFF endpoint (the folder of this page), or
 * undefined. Only a same-origin page below the endpoint is accepted: the state comes from a URL
 * anyone can craft, so it must never redirect elsewhere.
 */
export function liffTarget(href: string): string | undefined {
  const here = new URL(href);
  const state = here.searchParams.get('liff.state');
  if (!state?.startsWith('/') || state.startsWith('//') || state.includes('\\')) return undefined;
  const base = new URL('.', here); // the endpoint folder, e.g. https://x.web.app/liff/
  const target = new URL(state.slice(1), base);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return undefined;
  return target.toString();
}
