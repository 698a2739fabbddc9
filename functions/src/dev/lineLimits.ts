/**
 * LINE's documented limits on message objects (Messaging API reference), as the fake LINE API
 * enforces them: LINE answers 400 to a message that breaks any of them, so tests must too.
 * Labels are counted in grapheme clusters (what a Thai reader sees as one character).
 */
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const length = (s: string) => [...graphemes.segment(s)].length;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

type Node = Record<string, unknown>;
const ACTION_TYPES = new Set([
  'uri',
  'postback',
  'message',
  'location',
  'datetimepicker',
  'camera',
  'cameraRoll',
  'richmenuswitch',
  'clipboard',
]);

export function messageLimitViolations(messages: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return ['1 to 5 messages per request'];
  for (const [i, m] of (messages as Node[]).entries()) {
    const at = `messages[${i}]`;
    if (m.type === 'text' && (typeof m.text !== 'string' || m.text.length === 0 || m.text.length > 5000))
      out.push(`${at}.text: 1 to 5,000 characters`);
    if (m.type === 'flex' && (typeof m.altText !== 'string' || m.altText.length > 1500))
      out.push(`${at}.altText: at most 1,500 characters`);
    if (m.type === 'template' && (typeof m.altText !== 'string' || m.altText.length > 400))
      out.push(`${at}.altText: at most 400 characters`);
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
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, labelMax, `${at}[${i}]`, out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (typeof n.type === 'string' && ACTION_TYPES.has(n.type) && ('label' in n || 'uri' in n || 'data' in n)) {
    if (typeof n.label === 'string' && length(n.label) > labelMax)
      out.push(`${at}.label: at most ${labelMax} characters`);
    if (typeof n.data === 'string' && n.data.length > 300) out.push(`${at}.data: at most 300 characters`);
    if (typeof n.uri === 'string' && n.uri.length > 1000) out.push(`${at}.uri: at most 1,000 characters`);
    if (typeof n.displayText === 'string' && n.displayText.length > 300)
      out.push(`${at}.displayText: at most 300 characters`);
  }
  for (const [k, v] of Object.entries(n)) if (k !== 'quickReply') walk(v, labelMax, `${at}.${k}`, out);
}

/** LINE's rules for a rich menu object (POST /v2/bot/richmenu): what it answers 400 to. */
export function richMenuViolations(menu: unknown): string[] {
  const out: string[] = [];
  const m = (menu ?? {}) as {
    size?: { width?: number; height?: number };
    selected?: unknown;
    name?: unknown;
    chatBarText?: unknown;
    areas?: unknown;
  };
  const { width, height } = m.size ?? {};
  if (width !== 2500 || (height !== 1686 && height !== 843)) out.push('size: 2500×1686 or 2500×843');
  if (typeof m.selected !== 'boolean') out.push('selected: required boolean');
  if (typeof m.name !== 'string' || m.name.length === 0 || m.name.length > 300) out.push('name: 1–300 characters');
  if (typeof m.chatBarText !== 'string' || m.chatBarText.length === 0 || length(m.chatBarText) > 14)
    out.push('chatBarText: 1–14 characters');
  const areas = Array.isArray(m.areas) ? (m.areas as Array<{ bounds?: Record<string, number>; action?: Node }>) : [];
  if (!Array.isArray(m.areas) || areas.length === 0 || areas.length > 20) out.push('areas: 1–20 areas');
  areas.forEach((a, i) => {
    const b = a.bounds ?? {};
    const inside =
      [b.x, b.y, b.width, b.height].every((v) => Number.isInteger(v) && v! >= 0) &&
      b.width! > 0 &&
      b.height! > 0 &&
      b.x! + b.width! <= (width ?? 0) &&
      b.y! + b.height! <= (height ?? 0);
    if (!inside) out.push(`areas[${i}].bounds: inside the image`);
    const act = a.action ?? {};
    if (!['uri', 'postback', 'message', 'datetimepicker', 'richmenuswitch'].includes(String(act.type)))
      out.push(`areas[${i}].action.type: not allowed in a rich menu`);
    if (act.type === 'uri' && (typeof act.uri !== 'string' || !/^(https?|line|tel):/.test(act.uri)))
      out.push(`areas[${i}].action.uri: http(s), line or tel URI`);
    if (act.type === 'message' && (typeof act.text !== 'string' || act.text.length === 0 || act.text.length > 300))
      out.push(`areas[${i}].action.text: 1–300 characters`);
    if (
      act.type === 'richmenuswitch' &&
      (!ALIAS_ID.test(String(act.richMenuAliasId ?? '')) || typeof act.data !== 'string')
    )
      out.push(`areas[${i}].action: richmenuswitch needs richMenuAliasId and data`);
  });
  walk(areas, 20, 'areas', out);
  return out;
}

/** Rich menu alias ids: 1–32 of A–Z a–z 0–9 _ -. */
export const ALIAS_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Width and height of a PNG or JPEG, or undefined for anything else. */
export function imageSize(buf: Buffer): { type: 'png' | 'jpeg'; width: number; height: number } | undefined {
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47)
    return { type: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    for (let i = 2; i + 9 < buf.length; ) {
      if (buf[i] !== 0xff) return undefined;
      const marker = buf[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { type: 'jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
  return undefined;
}
