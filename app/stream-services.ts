// The services a stream message brings, whole: a consumer that reads views off the stream (serve's driver lines, the
// alert tracker) holds the last of each, because a known service arrives as its changed fields only.

import type { ServiceView, StreamMessage } from './api';

export class StreamServices {
  private readonly held = new Map<string, ServiceView>();

  /** The services this message sent or changed, each as it now is; a change to a service not yet sent whole is skipped. */
  update(message: StreamMessage): ServiceView[] {
    if (message.type === 'snapshot') {
      this.held.clear();
      for (const service of message.snapshot.services) this.held.set(service.id, service);
      return message.snapshot.services;
    }
    const out: ServiceView[] = [];
    for (const service of message.patch.services ?? []) {
      this.held.set(service.id, service);
      out.push(service);
    }
    for (const change of message.patch.serviceChanges ?? []) {
      const held = this.held.get(change.id);
      if (held === undefined) continue;
      const now = { ...held, ...change } as ServiceView;
      this.held.set(change.id, now);
      out.push(now);
    }
    return out;
  }
}
