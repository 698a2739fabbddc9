import { messagingApi } from '@line/bot-sdk';
import { createHash } from 'node:crypto';

export type Message = messagingApi.Message;

/** What the app needs from the Messaging API. */
export interface LinePort {
  reply(replyToken: string, messages: Message[]): Promise<void>;
  /** retryKey makes a repeated push a no-op on LINE's side (409). */
  push(to: string, messages: Message[], retryKey: string): Promise<void>;
  multicast(to: string[], messages: Message[], retryKey: string): Promise<void>;
  quota(): Promise<{ limit: number | undefined; used: number }>;
  /** Shows the user the rich menu an alias points at (their role's menu). */
  linkMenu(userId: string, aliasId: string): Promise<void>;
}

/** LINE wants a UUID as X-Line-Retry-Key: derive a stable one from what identifies the send. */
export function retryKeyFor(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function httpStatusOf(err: unknown): number | undefined {
  const e = err as { status?: number; statusCode?: number };
  return e?.status ?? e?.statusCode;
}

/** The real @line/bot-sdk client; `origin` is LINE_API_ORIGIN (a fake LINE API on loopback in tests). */
export function lineClient(opts: { channelAccessToken: string; origin: string }): LinePort {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.origin });
  return {
    async reply(replyToken, messages) {
      await client.replyMessage({ replyToken, messages });
    },
    async push(to, messages, retryKey) {
      try {
        await client.pushMessage({ to, messages }, retryKey);
      } catch (err) {
        if (httpStatusOf(err) !== 409) throw err; // 409: this retry key was already accepted
      }
    },
    async multicast(to, messages, retryKey) {
      try {
        await client.multicast({ to, messages }, retryKey);
      } catch (err) {
        if (httpStatusOf(err) !== 409) throw err;
      }
    },
    async quota() {
      const [q, c] = await Promise.all([client.getMessageQuota(), client.getMessageQuotaConsumption()]);
      return { limit: q.type === 'limited' ? q.value : undefined, used: c.totalUsage };
    },
    async linkMenu(userId, aliasId) {
      const { richMenuId } = await client.getRichMenuAlias(aliasId);
      await client.linkRichMenuIdToUser(userId, richMenuId);
    },
  };
}

/** The Messaging API calls of `line:setup` and of linking a user's menu. */
export interface LineSetupPort {
  setWebhook(endpoint: string): Promise<void>;
  testWebhook(endpoint: string): Promise<{ success?: boolean; statusCode?: number; reason?: string; detail?: string }>;
  listMenus(): Promise<Array<{ richMenuId: string; name: string }>>;
  createMenu(menu: messagingApi.RichMenuRequest): Promise<string>;
  uploadImage(richMenuId: string, bytes: Buffer, type: string): Promise<void>;
  deleteMenu(richMenuId: string): Promise<void>;
  listAliases(): Promise<Array<{ richMenuAliasId: string; richMenuId: string }>>;
  createAlias(aliasId: string, richMenuId: string): Promise<void>;
  updateAlias(aliasId: string, richMenuId: string): Promise<void>;
  deleteAlias(aliasId: string): Promise<void>;
  setDefault(richMenuId: string): Promise<void>;
  linkUsers(richMenuId: string, userIds: string[]): Promise<void>;
}

/**
 * The real SDK clients for set-up; images go to LINE's data host (api-data.line.me), which is the
 * same fake on loopback when LINE_API_ORIGIN points at one.
 */
export function lineSetupClient(opts: { channelAccessToken: string; origin: string }): LineSetupPort {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.origin });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.origin === 'https://api.line.me' ? 'https://api-data.line.me' : opts.origin });
  return {
    setWebhook: async (endpoint) => void (await client.setWebhookEndpoint({ endpoint })),
    testWebhook: (endpoint) => client.testWebhookEndpoint({ endpoint }),
    listMenus: async () => (await client.getRichMenuList()).richmenus.map((m) => ({ richMenuId: m.richMenuId, name: m.name })),
    createMenu: async (menu) => (await client.createRichMenu(menu)).richMenuId,
    uploadImage: async (id, bytes, type) => void (await blob.setRichMenuImage(id, new Blob([new Uint8Array(bytes)], { type }))),
    deleteMenu: async (id) => void (await client.deleteRichMenu(id)),
    listAliases: async () => (await client.getRichMenuAliasList()).aliases.map((a) => ({ richMenuAliasId: a.richMenuAliasId, richMenuId: a.richMenuId })),
    createAlias: async (richMenuAliasId, richMenuId) => void (await client.createRichMenuAlias({ richMenuAliasId, richMenuId })),
    updateAlias: async (aliasId, richMenuId) => void (await client.updateRichMenuAlias(aliasId, { richMenuId })),
    deleteAlias: async (aliasId) => void (await client.deleteRichMenuAlias(aliasId)),
    setDefault: async (id) => void (await client.setDefaultRichMenu(id)),
    linkUsers: async (id, userIds) => void (await client.linkRichMenuIdToUsers({ richMenuId: id, userIds })),
  };
}
