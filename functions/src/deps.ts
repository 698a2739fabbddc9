import type { LinePort } from './ports/line';
import type { Logger } from './adapters/logger';
import type { Store } from './ports/store';
import type { VerifyIdToken } from './adapters/idToken';

/** Everything the app touches outside itself; index.ts wires real ones, tests wire loopback ones. */
export interface Deps {
  store: Store;
  line: LinePort;
  verifyIdToken: VerifyIdToken;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  liffId: string;
  /** Audience of LIFF ID tokens; the LIFF pages read it with the LIFF ID from /liff/config.json. */
  loginChannelId: string;
  channelSecret: string;
  /** Tiles of the LIFF maps (default: OpenStreetMap's standard tiles). */
  mapTiles?: { url: string; attribution: string };
}
