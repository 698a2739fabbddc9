/** `npm start`: the local stack on PORT (default 8080). */
import { startLocalStack } from './localStack';

startLocalStack(process.env, Number(process.env.PORT ?? 8080))
  .then((stack) => {
    console.log(`panong local stack on ${stack.url}`);
    console.log(`  LINE chat simulator: ${stack.url}/dev`);
    console.log(`  data: ${process.env.STORE === 'firestore' ? 'Firestore' : `embedded store in ${process.env.DATA_DIR ?? '.data'}`}`);
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
