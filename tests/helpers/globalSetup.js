// Starts the official Cloud Firestore emulator once for the whole run (jest project "firestore").
// A missing emulator fails the run with the install hint; it is never skipped.
const { startFirestoreEmulator, useEmulatorEnv } = require('../../functions/lib/dev/firestoreEmulator');

module.exports = async function globalSetup(globalConfig) {
  const projects = globalConfig.selectProjects ?? ['firestore'];
  if (!projects.includes('firestore')) return;
  const emulator = await startFirestoreEmulator();
  useEmulatorEnv(emulator.host);
  globalThis.__firestoreEmulator = emulator;
};
