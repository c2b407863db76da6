// `switchyard status` for a release group: one row, and a note per member with its actual split (--json: `members`).

import { describe, expect, it } from 'vitest';
import { statusRow } from '../../main/cli/status-rows';
import { formatStatusTable } from '../../main/cli/status-table';
import { COMPLETE_SERVICE_VIEW } from '../fixtures/complete-wire';

describe('status of a release group', () => {
  it("lists each member's split under the one row", () => {
    const row = statusRow(COMPLETE_SERVICE_VIEW);
    expect(row.members).toEqual([
      { targetId: 'ecs-shop', split: [{ version: 'v1.4.2', percent: 90 }, { version: 'v1.5.0', percent: 10 }] },
      { targetId: 'eu-cluster', split: [{ version: 'v1.5.0', percent: 10 }] },
    ]);
    const table = formatStatusTable([row]);
    expect(table).toContain('checkout@production: member ecs-shop: v1.4.2 90%, v1.5.0 10%');
    expect(table).toContain('checkout@production: member eu-cluster: v1.5.0 10%');
  });

  it('adds no member notes for a service on one target', () => {
    const { members: _members, ...single } = COMPLETE_SERVICE_VIEW;
    const row = statusRow(single);
    expect(row.members).toBeUndefined();
    expect(formatStatusTable([row])).not.toContain('member');
  });
});
