// The safety gates of the selected service: error budget, pre-flight checklist, and the override a blocked start needs.

import type { ServiceView } from '../../app/api';
import { startOverrideOffered } from '../domain/action-offer';
import { BudgetPanel } from './BudgetPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { StartOverride } from './StartOverride';
import '../styles/gates.css';

export function GatesPanel({ service }: { service: ServiceView }) {
  const gates = service.gates;
  if (!gates) return null;
  return (
    <div className="gates">
      {gates.budget ? <BudgetPanel budget={gates.budget} optional={gates.optional} /> : null}
      {gates.checklist ? <ChecklistPanel service={service} checklist={gates.checklist} /> : null}
      {startOverrideOffered(service) ? <StartOverride service={service} blockers={gates.blockers} /> : null}
    </div>
  );
}
