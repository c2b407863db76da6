// The transport, for components that query or act.

import { createContext, useContext } from 'react';
import type { RendererTransport } from './transport/types';

export const ApiContext = createContext<RendererTransport | null>(null);

export function useApi(): RendererTransport {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
