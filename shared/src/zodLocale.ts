import { z } from 'zod';

// Validation messages are shown to Thai users (LIFF forms, CLI, API errors): Thai by default.
z.config(z.locales.th());
