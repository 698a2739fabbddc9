/** Tiny DOM helpers. Text always goes in through textContent, so names and notes stay inert. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children)
    if (c !== null && c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export function $(selector: string): HTMLElement {
  const node = document.querySelector<HTMLElement>(selector);
  if (!node) throw new Error(`missing ${selector}`);
  return node;
}

export function showMessage(target: HTMLElement, kind: 'ok' | 'error', text: string): void {
  target.replaceChildren(el('div', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text));
}

/** Trimmed value of an input, select or textarea; '' when the page has no such field (yet). */
export function fieldValue(id: string): string {
  return (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? '';
}
