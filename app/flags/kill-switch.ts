// The kill switch as an operator asks for it: its request (every transport), its words, and when it is refused.

import { z } from 'zod';
import type { ServiceFlag, ServiceFlagView } from './model';

/** Turn one of the service's flags off in its environment; refused unless confirmed (every user leaves the new path). */
export const killSwitchRequestSchema = z
  .object({
    action: z.literal('kill-switch'),
    serviceId: z.string().min(1).max(200),
    flag: z.string().min(1).max(100),
    confirmed: z.boolean().optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type KillSwitchAsk = z.infer<typeof killSwitchRequestSchema>;

/** Why the kill switch may not run now, or null: the flag must be one the service names, and the operator must confirm. */
export function killSwitchRefusal(service: { name: string; flags: readonly ServiceFlag[] }, ask: Pick<KillSwitchAsk, 'flag' | 'confirmed'>): string | null {
  if (!service.flags.some((f) => f.flag === ask.flag)) {
    const names = service.flags.map((f) => f.flag);
    return `${service.name} names no flag "${ask.flag}"${names.length > 0 ? ` (its flags: ${names.join(', ')})` : ''}`;
  }
  if (ask.confirmed !== true) return `Kill switch needs confirmation: it turns ${ask.flag} off for every user of ${service.name}`;
  return null;
}

/** Whether the kill switch button of a flag may be pressed in this window, and what it says either way. */
export function killSwitchVerdict(view: Pick<ServiceFlagView, 'flag' | 'state'>, serviceName: string, drivenBy: string | null): { allowed: boolean; why: string } {
  if (drivenBy !== null) return { allowed: false, why: `${serviceName} is driven by ${drivenBy}; this window is read-only for it` };
  if (view.state?.enabled === false) return { allowed: false, why: `${view.flag} is already off` };
  return { allowed: true, why: `Turn ${view.flag} off for every user of ${serviceName}` };
}
