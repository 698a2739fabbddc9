/**
 * Firebase entry point: wires real adapters only. Secrets are read when the first request
 * (or job) arrives, because defineSecret values exist only at run time.
 */
import { defineSecret, defineString } from 'firebase-functions/params';
import { onRequest } from 'firebase-functions/v2/https';
import { setGlobalOptions } from 'firebase-functions/v2';
import type { Express } from 'express';
import { createApp } from './app';
import { loadConfig } from './config';
import { openStore, realDeps } from './wiring';

const channelSecret = defineSecret('LINE_CHANNEL_SECRET');
const channelAccessToken = defineSecret('LINE_CHANNEL_ACCESS_TOKEN');
const loginChannelId = defineString('LINE_LOGIN_CHANNEL_ID');
const liffId = defineString('LIFF_ID');

setGlobalOptions({ region: 'asia-southeast1', maxInstances: 20 });

let app: Promise<Express> | undefined;
function getApp(): Promise<Express> {
  app ??= (async () => {
    const config = loadConfig({
      ...process.env,
      STORE: 'firestore',
      LINE_CHANNEL_SECRET: channelSecret.value(),
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken.value(),
      LINE_LOGIN_CHANNEL_ID: loginChannelId.value(),
      LIFF_ID: liffId.value(),
    });
    return createApp(realDeps(config, await openStore(config)));
  })();
  return app;
}

export const api = onRequest({ secrets: [channelSecret, channelAccessToken], timeoutSeconds: 60 }, async (req, res) => {
  (await getApp())(req, res);
});
