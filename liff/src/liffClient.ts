import liff from '@line/liff';

/** The one place LIFF is initialised: liff-mock locally (config.mock), the real LIFF SDK in LINE. */
interface LiffConfig {
  liffId: string;
  mock: boolean;
  /** Raster tiles of the maps (MAP_TILE_URL) and their attribution. */
  mapTiles?: { url: string; attribution: string };
  /** Local stack only: an ID token the built-in fake LINE API accepts, with {userId} to fill in. */
  mockTokenTemplate?: string;
}

let ready: Promise<void> | undefined;

/** liff.init once per page (it also performs LINE's secondary redirect to `liff.state`). */
export function initLiff(): Promise<void> {
  ready ??= init();
  return ready;
}

export async function idToken(): Promise<string> {
  await initLiff();
  const token = liff.getIDToken();
  if (!token) throw new ApiError(401, 'เปิดหน้านี้จาก LINE เพื่อยืนยันตัวตน');
  return token;
}

let configLoad: Promise<LiffConfig> | undefined;
/** The page settings the API serves (/liff/config.json), fetched once. */
export function appConfig(): Promise<LiffConfig> {
  configLoad ??= fetch(`${import.meta.env.BASE_URL}config.json`).then((r) => r.json() as Promise<LiffConfig>);
  return configLoad;
}

async function init(): Promise<void> {
  const config = await appConfig();
  if (config.mock) {
    const { LiffMockPlugin } = await import('@line/liff-mock');
    liff.use(new LiffMockPlugin());
    await liff.init({ liffId: config.liffId, mock: true } as Parameters<typeof liff.init>[0]);
    const params = new URLSearchParams(location.search);
    const as = params.get('as') ?? sessionStorage.getItem('panong.as') ?? '';
    if (as) sessionStorage.setItem('panong.as', as);
    const token = (config.mockTokenTemplate ?? '').replace('{userId}', as);
    (liff as unknown as { $mock: { set(d: object): void } }).$mock.set({ isLoggedIn: true, getIDToken: token });
  } else {
    await liff.init({ liffId: config.liffId });
    if (!liff.isLoggedIn()) {
      liff.login({ redirectUri: location.href });
      await new Promise(() => undefined); // navigating away
    }
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * JSON call to the Functions API as the LINE user; errors carry the server's Thai message.
 * A 503 (others writing the same case at this moment; nothing was written) is retried with the same
 * body, so the same idempotency key: it can only ever be recorded once.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; data: T }> {
  const token = await idToken();
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`/api${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
    } catch {
      throw new ApiError(0, 'เชื่อมต่อเครือข่ายไม่ได้ ข้อมูลยังไม่ถูกส่ง กรุณาลองใหม่เมื่อมีสัญญาณ');
    }
    if (res.status === 503 && attempt < 4) {
      await new Promise((r) => setTimeout(r, 400 * attempt));
      continue;
    }
    const data = (await res.json().catch(() => ({}))) as T & { error?: string };
    if (!res.ok) throw new ApiError(res.status, data.error ?? 'ระบบขัดข้องชั่วคราว กรุณาลองใหม่');
    return { status: res.status, data };
  }
}

/** Downloads a file from the API (the ID token cannot ride on a plain link). */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${await idToken()}` } });
  if (!res.ok)
    throw new ApiError(
      res.status,
      ((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'ดาวน์โหลดไม่สำเร็จ',
    );
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function closeOrBack(): void {
  if (liff.isInClient()) liff.closeWindow();
  else history.back();
}
