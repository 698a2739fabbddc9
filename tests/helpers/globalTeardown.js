module.exports = async function globalTeardown() {
  await globalThis.__firestoreEmulator?.stop();
};
