// The selected service's migrations (expand → migrate → contract) with their recorded phase, and the contract gate's
// conditions ticking as traffic drains; a Step into a closed gate is offered with an override and a reason.

import { useState } from 'react';
import type { ServiceView } from '../../app/api';
import type { SchemaView } from '../../app/schema/model';
import { useApi } from '../api-context';
import { expectOf } from '../domain/action-offer';
import { phaseText } from '../../app/schema/phase-text';
import { buildRequest, runAction } from '../state/actions';
import { isPending, useUi } from '../state/ui-store';
import '../styles/schema.css';

export function SchemaPanel({ service }: { service: ServiceView }) {
  const schema = service.schema;
  if (!schema) return null;
  return (
    <section className="gate schema" aria-labelledby="schema-heading">
      <h3 id="schema-heading" className="gate__title">
        Schema <span className="muted small">· {schema.database}</span>
      </h3>
      {schema.problem ? <p className="schema__problem">⚠ {schema.problem}</p> : null}
      <ul className="schema__migrations" aria-label="Migrations">
        {schema.migrations.map((m) => (
          <li key={m.id} className={`schema__migration schema__migration--${m.phase}`}>
            <span className="mono">{m.id}</span> — <span>{phaseText(m)}</span>
            <span className="muted small"> · needs ≥ {m.compatibleFrom}{m.who ? ` · by ${m.who}` : ''}</span>
            {m.problem ? <div className="schema__problem small">{m.problem}</div> : null}
          </li>
        ))}
      </ul>
      {schema.gate ? <ContractGate service={service} gate={schema.gate} /> : null}
    </section>
  );
}

function ContractGate({ service, gate }: { service: ServiceView; gate: NonNullable<SchemaView['gate']> }) {
  const step = service.actions.step;
  const overridable = !step.allowed && step.override && /contract/.test(step.why);
  return (
    <div className="schema__gate">
      <h4 className="schema__gate-title">
        Contract gate of <span className="mono">{gate.migrationId}</span>: {gate.allowed ? 'open' : 'closed'}
      </h4>
      <ul className="schema__conditions" aria-label={`Contract gate of ${gate.migrationId}`}>
        {gate.conditions.map((c) => (
          <li key={c.id} data-condition={c.id} data-ok={c.ok ? 'yes' : 'no'} className={c.ok ? 'schema__ok' : 'schema__wait'}>
            <span aria-label={c.ok ? 'met' : 'not met'}>{c.ok ? '✓' : '✗'}</span> {c.label} <span className="muted small">— {c.detail}</span>
          </li>
        ))}
      </ul>
      {overridable ? <ContractOverride service={service} gate={gate} /> : null}
    </div>
  );
}

/** The contract drops the old shape for good: the override asks for a reason, then for a confirmation. */
function ContractOverride({ service, gate }: { service: ServiceView; gate: NonNullable<SchemaView['gate']> }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const pending = useUi((s) => isPending(s.pending, 'step', service.id));
  const trimmed = reason.trim();
  const submit = async () => {
    setConfirming(false);
    const request = buildRequest('step', service.id, { override: true, reason: trimmed, expect: expectOf(service, 'step') });
    const result = await runAction(api, request, useUi.getState());
    if (result?.ok) setReason('');
  };
  const id = `contract-override-${service.id}`;
  return (
    <form
      className="override__form"
      onSubmit={(event) => {
        event.preventDefault();
        if (trimmed) setConfirming(true);
      }}
    >
      <label htmlFor={id}>Override reason</label>
      <input id={id} type="text" value={reason} maxLength={2000} placeholder="why the contract cannot wait" onChange={(event) => setReason(event.target.value)} />
      {confirming ? (
        <span role="alert" className="schema__confirm">
          Versions older than {gate.compatibleFrom} that still run will fail, and no rollback to them is possible afterwards.{' '}
          <button type="button" className="btn btn--danger" disabled={pending} onClick={() => void submit()}>
            Confirm contract
          </button>{' '}
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="submit" className="btn btn--danger" disabled={trimmed.length === 0 || pending}>
          Contract with override
        </button>
      )}
    </form>
  );
}
