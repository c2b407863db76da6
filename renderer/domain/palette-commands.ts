// The command palette's commands: open a service, or ask for an action on it. The actions and whether each is
// allowed come from the engine's verdicts (action-offer.ts), the same as the release view's buttons.

import type { ActionName, ServiceView } from '../../app/api';
import { releaseOffers, startOffer, type Offer } from './action-offer';

export type PaletteCommand =
  | { kind: 'open'; id: string; serviceId: string; label: string; hint: string; enabled: true }
  | { kind: 'action'; id: string; serviceId: string; action: ActionName; label: string; hint: string; enabled: boolean };

function actionCommand(service: ServiceView, offer: Offer): PaletteCommand {
  return {
    kind: 'action',
    id: `${offer.action}:${service.id}`,
    serviceId: service.id,
    action: offer.action,
    label: `${offer.label} ${service.name}`,
    hint: offer.enabled ? (offer.confirm ? 'asks to confirm' : '') : offer.title,
    enabled: offer.enabled,
  };
}

/** The actions a service offers now: Start while no release runs, else the release's actions (refused ones say why). */
export function serviceCommands(service: ServiceView): PaletteCommand[] {
  const start = startOffer(service);
  const offers = start !== null ? [start] : releaseOffers(service);
  return [
    { kind: 'open', id: `open:${service.id}`, serviceId: service.id, label: `Open ${service.name}`, hint: `${service.platform} · ${service.release?.phase ?? 'no release'}`, enabled: true },
    ...offers.map((offer) => actionCommand(service, offer)),
  ];
}

/**
 * The commands whose words contain every word typed, allowed ones first, at most `limit`. With nothing typed: the
 * selected service's commands, then opening the others.
 */
export function paletteCommands(services: readonly ServiceView[], query: string, selectedId: string | null, limit = 30): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const selected = services.find((s) => s.id === selectedId);
    const others = services.filter((s) => s !== selected).map((s) => serviceCommands(s)[0]!);
    return [...(selected ? serviceCommands(selected) : []), ...others].slice(0, limit);
  }
  const matches: PaletteCommand[] = [];
  for (const service of services) {
    const name = `${service.name} ${service.id}`.toLowerCase();
    // Cheap test first: every word must be in the service's name or in some action's words.
    if (!words.some((w) => name.includes(w))) continue;
    for (const command of serviceCommands(service)) {
      const text = `${command.label} ${service.id}`.toLowerCase();
      if (words.every((w) => text.includes(w))) matches.push(command);
    }
  }
  return matches.sort((a, b) => Number(b.enabled) - Number(a.enabled)).slice(0, limit);
}
