/**
 * LINE's documented limits on message objects (Messaging API reference), as the fake LINE API
 * enforces them: LINE answers 400 to a message that breaks any of them, so tests must too.
 * Labels are counted in grapheme clusters (what a Thai reader sees as one character).
 */
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const length = (s: string) => [...graphemes.segment(s)].length;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

type Node = Record<string, unknown>;
const ACTION_TYPES = new Set(['uri', 'postback', 'message', 'location', 'datetimepicker', 'camera', 'cameraRoll', 'richmenuswitch', 'clipboard']);

export function messageLimitViolations(messages: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return ['1 to 5 messages per request'];
  for (const [i, m] of (messages as Node[]).entries()) {
    const at = `messages[${i}]`;
    if (m.type === 'text' && (typeof m.text !== 'string' || m.text.length === 0 || m.text.length > 5000)) out.push(`${at}.text: 1 to 5,000 characters`);
    if (m.type === 'flex' && (typeof m.altText !== 'string' || m.altText.length > 1500)) out.push(`${at}.altText: at most 1,500 characters`);
    if (m.type === 'template' && (typeof m.altText !== 'string' || m.altText.length > 400)) out.push(`${at}.altText: at most 400 characters`);
    if (m.type === 'template') {
      const t = m.template as Node;
      const max = t.title || t.thumbnailImageUrl ? 60 : 160;
      if (typeof t.text === 'string' && t.text.length > max) out.push(`${at}.template.text: at most ${max} characters`);
      if (Array.isArray(t.actions) && t.actions.length > 4) out.push(`${at}.template.actions: at most 4`);
    }
    if (m.type === 'flex') {
      const c = m.contents as Node;
      if (c.type === 'carousel') {
        const bubbles = c.contents as unknown[];
        if (bubbles.length > 12) out.push(`${at}: at most 12 bubbles`);
        if (bytes(c) > 50_000) out.push(`${at}: carousel at most 50 KB`);
        for (const b of bubbles) if (bytes(b) > 30_000) out.push(`${at}: bubble at most 30 KB`);
      } else if (bytes(c) > 30_000) out.push(`${at}: bubble at most 30 KB`);
    }
    const quick = (m.quickReply as Node | undefined)?.items as unknown[] | undefined;
    if (quick && quick.length > 13) out.push(`${at}.quickReply: at most 13 items`);
    walk(m, m.type === 'flex' ? 40 : 20, at, out);
    if (quick) walk(m.quickReply, 20, `${at}.quickReply`, out);
  }
  return out;
}

function walk(node: unknown, labelMax: number, at: string, out: string[]): void {
  if (Array.isArray(node)) return node.forEach((n, i) => walk(n, labelMax, `${at}[${i}]`, out));
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.type === 'string' && ACTION_TYPES.has(n.type) && ('label' in n || 'uri' in n || 'data' in n)) {
    if (typeof n.label === 'string' && length(n.label) > labelMax) out.push(`${at}.label: at most ${labelMax} characters`);
    if (typeof n.data === 'string' && n.data.length > 300) out.push(`${at}.data: at most 300 characters`);
    if (typeof n.uri === 'string' && n.uri.length > 1000) out.push(`${at}.uri: at most 1,000 characters`);
    if (typeof n.displayText === 'string' && n.displayText.length > 300) out.push(`${at}.displayText: at most 300 characters`);
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'quickReply') walk(v, labelMax, `${at}.${k}`, out);
}
