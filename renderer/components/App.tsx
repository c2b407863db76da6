// The control room: the environment matrix, the fleet and targets on the left, the selected service's release view
// beside them (split pane), the confirmation dialog and the command palette (Ctrl/Cmd-K) over both.

import { useSelectedService } from '../hooks/useSelectedService';
import { useShortcuts } from '../hooks/useShortcuts';
import '../styles/fleet.css';
import { CommandPalette } from './CommandPalette';
import { ConfirmDialog } from './ConfirmDialog';
import { EnvironmentMatrix } from './EnvironmentMatrix';
import { FleetOverview } from './FleetOverview';
import { Header } from './Header';
import { AlertBanner } from './AlertBanner';
import { JournalHealthBanner } from './JournalHealthBanner';
import { ReleaseView } from './ReleaseView';
import { TargetList } from './TargetList';

export function App() {
  useShortcuts();
  const service = useSelectedService();
  return (
    <>
      <Header />
      <main className="app-main">
        <JournalHealthBanner />
        <AlertBanner />
        <div className="workbench">
          <div className="workbench__fleet">
            <EnvironmentMatrix />
            <FleetOverview />
            <TargetList />
          </div>
          <div className="workbench__release">
            {service !== null ? <ReleaseView key={service.id} service={service} /> : <p className="muted">Select a service to see its release.</p>}
          </div>
        </div>
      </main>
      <ConfirmDialog />
      <CommandPalette />
    </>
  );
}
