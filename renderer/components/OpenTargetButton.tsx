// Opens a target that waits for the operator (a Kubernetes context other than the current one): Switchyard connects then.

import { useState } from 'react';
import type { TargetView } from '../../app/model';
import { useApi } from '../api-context';

export function OpenTargetButton({ target }: { target: TargetView }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.act({ action: 'open', targetId: target.id });
      if (!result.ok) setProblem(result.message);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn target__open" disabled={busy} aria-busy={busy} onClick={() => void open()} aria-label={`Open ${target.name}`}>
        {busy ? 'Opening…' : 'Open'}
      </button>
      {problem !== null ? (
        <div className="target__message" role="alert">
          {problem}
        </div>
      ) : null}
    </>
  );
}
