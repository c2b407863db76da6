import { useSelectedService } from '../hooks/useSelectedService';
import { useShortcuts } from '../hooks/useShortcuts';
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
        <EnvironmentMatrix />
        <div className="overview">
          <FleetOverview />
          <TargetList />
        </div>
        {service !== null ? <ReleaseView key={service.id} service={service} /> : null}
      </main>
      <ConfirmDialog />
    </>
  );
}
