/** Settings of the local stack: a LINE channel that exists only as the built-in fake LINE API on PORT. */
export function localEnv(port: number): NodeJS.ProcessEnv {
  return {
    LINE_CHANNEL_SECRET: 'local-dev-channel-secret',
    LINE_CHANNEL_ACCESS_TOKEN: 'local-dev-access-token',
    LINE_LOGIN_CHANNEL_ID: '1650000000',
    LIFF_ID: '1650000000-local',
    LINE_API_ORIGIN: `http://127.0.0.1:${port}`,
  };
}
