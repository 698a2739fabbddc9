import { $, el } from './dom';
import './style.css';
import './dev.css';

/** The local LINE chat simulator: sends signed webhook events through the dev server and renders the replies. */
// biome-ignore lint/suspicious/noExplicitAny: LINE message objects of every kind, rendered by shape
type Msg = Record<string, any>;
let liffId = '';
let seen = 0;

const user = () => ($('#user') as HTMLSelectElement).value;

async function send(body: Record<string, unknown>, echo: string): Promise<void> {
  $('#chat').append(el('div', { class: 'msg me' }, echo));
  $('#quick').replaceChildren();
  await fetch('/dev/api/send', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user(), ...body }),
  });
  await poll();
}

/** LIFF URLs open as LINE opens them: the endpoint (/liff/) with the path in liff.state, as the selected demo user. */
function localUri(uri: string): string {
  const prefix = `https://liff.line.me/${liffId}`;
  if (!uri.startsWith(prefix)) return uri;
  const url = new URL('/liff/', location.origin);
  url.searchParams.set('liff.state', uri.slice(prefix.length) || '/');
  url.searchParams.set('as', user());
  return url.toString();
}

function act(action: Msg): void {
  if (action.type === 'richmenuswitch') return void showMenu(`alias=${encodeURIComponent(action.richMenuAliasId)}`);
  if (action.type === 'uri') window.open(localUri(action.uri), '_blank');
  else if (action.type === 'postback')
    void send({ kind: 'postback', data: action.data }, action.displayText ?? action.label);
  else if (action.type === 'message') void send({ text: action.text }, action.text);
  else if (action.type === 'location') void sendLocation();
}

function flex(node: Msg): HTMLElement {
  switch (node.type) {
    case 'carousel':
      return el('div', { class: 'carousel' }, ...node.contents.map(flex));
    case 'bubble':
      return el(
        'div',
        { class: 'bubble' },
        ...['header', 'hero', 'body', 'footer'].filter((k) => node[k]).map((k) => flex(node[k])),
      );
    case 'box':
      return el('div', { class: `fx-box ${node.layout}` }, ...(node.contents ?? []).map(flex));
    case 'text': {
      const t = el('span', { class: `fx-text ${node.weight === 'bold' ? 'bold' : ''}` }, node.text ?? '');
      if (node.color) t.style.color = node.color;
      if (node.flex !== undefined) t.style.flex = String(node.flex);
      return t;
    }
    case 'button': {
      const b = el(
        'button',
        { class: `fx-button ${node.style === 'primary' ? '' : 'secondary'}`, type: 'button' },
        node.action.label,
      );
      b.addEventListener('click', () => act(node.action));
      return b;
    }
    case 'separator':
      return el('hr');
    default:
      return el('span', {}, '');
  }
}

function render(m: Msg): HTMLElement {
  if (m.type === 'text') return el('div', { class: 'msg bot' }, m.text);
  if (m.type === 'flex') return el('div', { class: 'msg bot', title: m.altText }, flex(m.contents));
  if (m.type === 'template') {
    const t = m.template;
    const buttons = (t.actions ?? []).map((a: Msg) => {
      const b = el('button', { type: 'button', class: 'fx-button' }, a.label);
      b.addEventListener('click', () => act(a));
      return b;
    });
    return el('div', { class: 'msg bot' }, t.text ?? m.altText, ...buttons);
  }
  return el('div', { class: 'msg bot' }, `[${m.type}]`);
}

async function poll(): Promise<void> {
  const res = await fetch(`/dev/api/messages?userId=${encodeURIComponent(user())}`);
  const { messages } = (await res.json()) as { messages: Array<{ messages: Msg[] }> };
  const flat = messages.flatMap((s) => s.messages);
  for (const m of flat.slice(seen)) {
    $('#chat').append(render(m));
    const items: Msg[] = m.quickReply?.items ?? [];
    $('#quick').replaceChildren(
      ...items.map((i) => {
        const b = el('button', { type: 'button' }, i.action.label);
        b.addEventListener('click', () => act(i.action));
        return b;
      }),
    );
  }
  seen = flat.length;
  $('#chat').scrollTop = $('#chat').scrollHeight;
}

/** The user's rich menu as LINE shows it: the image, with each area a button doing its action. */
async function showMenu(query = `userId=${encodeURIComponent(user())}`): Promise<void> {
  const { menu } = (await (await fetch(`/dev/api/richmenu?${query}`)).json()) as {
    menu: { size: { width: number; height: number }; areas: Msg[]; image: string } | null;
  };
  if (!menu) return void $('#richmenu').replaceChildren();
  const pct = (v: number, of: number) => `${(100 * v) / of}%`;
  $('#richmenu').replaceChildren(
    el('img', { src: menu.image, alt: 'ริชเมนู', class: 'richmenu-image' }),
    ...menu.areas.map((a) => {
      const b = el('button', {
        type: 'button',
        class: 'richmenu-area',
        'aria-label': a.action.label ?? a.action.text ?? '',
        title: a.action.label ?? '',
      });
      Object.assign(b.style, {
        left: pct(a.bounds.x, menu.size.width),
        top: pct(a.bounds.y, menu.size.height),
        width: pct(a.bounds.width, menu.size.width),
        height: pct(a.bounds.height, menu.size.height),
      });
      b.addEventListener('click', () => act(a.action));
      return b;
    }),
  );
}

async function sendLocation(): Promise<void> {
  const lat = Number(($('#lat') as HTMLInputElement).value);
  const lng = Number(($('#lng') as HTMLInputElement).value);
  await send({ kind: 'location', lat, lng }, `📍 ${lat}, ${lng}`);
}

async function main(): Promise<void> {
  const res = await fetch('/dev/api/users');
  const data = (await res.json()) as { users: Array<{ id: string; name: string }>; liffId: string };
  liffId = data.liffId;
  $('#user').replaceChildren(...data.users.map((u) => el('option', { value: u.id }, u.name)));
  $('#user').addEventListener('change', () => {
    $('#chat').replaceChildren();
    seen = 0;
    void poll();
    void showMenu();
  });
  $('#send').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#text') as HTMLInputElement;
    if (!input.value.trim()) return;
    void send({ text: input.value }, input.value);
    input.value = '';
  });
  $('#sendLocation').addEventListener('click', () => void sendLocation());
  $('#follow').addEventListener('click', () => void send({ kind: 'follow' }, '(เพิ่มเพื่อน)'));
  await poll();
  await showMenu();
  setInterval(() => void poll(), 3000);
}

void main();
