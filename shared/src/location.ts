import { z } from 'zod';

/** Where a check-in or a visit was made: GPS, a pin on the map, or a location sent in chat. */
export const LocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100_000).optional(),
  source: z.enum(['gps', 'pin', 'line']).default('gps'),
});
export type Location = z.infer<typeof LocationSchema>;
