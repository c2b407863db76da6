// Feeds the stores from a transport: stream messages into the host copy, link status into the UI store.

import type { RendererTransport } from '../transport/types';
import { useServer } from './server-store';
import { useUi } from './ui-store';

export function connectStores(transport: RendererTransport): () => void {
  const stopStatus = transport.onStatus((status) => useUi.getState().setConnection(status));
  const stopStream = transport.subscribe((message) => {
    useServer.getState().receive(message);
    const ui = useUi.getState();
    const { serviceIds } = useServer.getState();
    if (ui.selectedServiceId === null || !serviceIds.includes(ui.selectedServiceId)) {
      const first = serviceIds[0];
      if (first !== undefined) ui.select(first);
    }
  });
  return () => {
    stopStream();
    stopStatus();
  };
}
