import type { messagingApi } from '@line/bot-sdk';
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
