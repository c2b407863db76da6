// A release group's members: each target with its actual split, the candidate's error rate and what is wrong there.

import type { ServiceView } from '../../app/api';
import { errorRateText } from '../domain/format';
import { SplitBar } from './SplitBar';

export function GroupMembers({ service }: { service: ServiceView }) {
  const members = service.members;
  if (!members || members.length < 2) return null;
  const asked = new Map((service.release?.members ?? []).map((m) => [m.targetId, m.candidatePercent]));
  return (
    <div className="group-members">
      <h3 className="small">Release group: {members.length} targets in lockstep</h3>
      <ul aria-label="Group members" className="group-members__list">
        {members.map((member) => {
          const candidate = service.candidate ? member.health.find((h) => h.version === service.candidate) : undefined;
          const percent = asked.get(member.targetId);
          return (
            <li key={member.targetId} aria-label={`Member ${member.targetId}`} className="group-members__item">
              <span className="mono">{member.targetId}</span>{' '}
              <span className={`platform platform--${member.platform}`}>{member.platform}</span>
              {percent !== undefined ? (
                <span className="muted small"> · release set {percent === null ? 'unknown (not read back)' : `${percent}%`}</span>
              ) : null}
              {candidate ? <span className="muted small"> · candidate errors {errorRateText(candidate.errorRate)}</span> : null}
              <SplitBar split={member.split} stable={service.stable} candidate={service.candidate} />
              {member.warning !== null ? <p className="small warn-text">⚠ {member.warning}</p> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
