// setupFiles of the jest project "firestore": the integration tests open the Firestore store.
process.env.PANONG_TEST_STORE = 'firestore';
