import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { ApiContext } from './api-context';
import { App } from './components/App';
import { connectStores } from './state/connect';
import { pickTransport } from './transport/pick';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/release.css';

// The CSP forbids eval; without this zod probes `new Function` and the browser reports a violation.
z.config({ jitless: true });

const transport = pickTransport();
connectStores(transport);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={transport}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
