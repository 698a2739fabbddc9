import { messagingApi } from '@line/bot-sdk';
import { httpStatusOf, type LinePort, type LineSetupPort } from '../ports/line';

/** The real @line/bot-sdk client; `origin` is LINE_API_ORIGIN (a fake LINE API on loopback in tests). */
export function lineClient(opts: { channelAccessToken: string; origin: string }): LinePort {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.origin,
  });
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

/**
 * The real SDK clients for set-up; images go to LINE's data host (api-data.line.me), which is the
 * same fake on loopback when LINE_API_ORIGIN points at one.
 */
export function lineSetupClient(opts: { channelAccessToken: string; origin: string }): LineSetupPort {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.origin,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.origin === 'https://api.line.me' ? 'https://api-data.line.me' : opts.origin,
  });
  return {
    setWebhook: async (endpoint) => void (await client.setWebhookEndpoint({ endpoint })),
    testWebhook: (endpoint) => client.testWebhookEndpoint({ endpoint }),
    listMenus: async () =>
      (await client.getRichMenuList()).richmenus.map((m) => ({ richMenuId: m.richMenuId, name: m.name })),
    createMenu: async (menu) => (await client.createRichMenu(menu)).richMenuId,
    uploadImage: async (id, bytes, type) =>
      void (await blob.setRichMenuImage(id, new Blob([new Uint8Array(bytes)], { type }))),
    deleteMenu: async (id) => void (await client.deleteRichMenu(id)),
    listAliases: async () =>
      (await client.getRichMenuAliasList()).aliases.map((a) => ({
        richMenuAliasId: a.richMenuAliasId,
        richMenuId: a.richMenuId,
      })),
    createAlias: async (richMenuAliasId, richMenuId) =>
      void (await client.createRichMenuAlias({ richMenuAliasId, richMenuId })),
    updateAlias: async (aliasId, richMenuId) => void (await client.updateRichMenuAlias(aliasId, { richMenuId })),
    deleteAlias: async (aliasId) => void (await client.deleteRichMenuAlias(aliasId)),
    setDefault: async (id) => void (await client.setDefaultRichMenu(id)),
    linkUsers: async (id, userIds) => void (await client.linkRichMenuIdToUsers({ richMenuId: id, userIds })),
  };
}
