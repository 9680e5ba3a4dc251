import { createSimulator, type Simulator } from '@kim/simulator';
import type { TestHub } from './hub.js';

/**
 * The partner-agency simulator playing every webhook agency of a test hub, which is
 * pointed at it; it answers each referral with accepted, in-progress, completed.
 */
export async function simulatorFor(hub: TestHub, delayMs: number): Promise<Simulator> {
  const sim = await createSimulator({
    agencies: hub.creds.agencies
      .filter((a) => a.channel === 'webhook')
      .map((a) => ({ id: a.id, name: a.name, webhookSecret: a.webhookSecret })),
    hubInboundUrl: (agencyId) => `${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${agencyId}/status`,
    delayMs,
    script: 'complete',
    log: () => undefined,
  });
  await hub.db.ds.query(
    `UPDATE agencies SET webhook_url = $1 || '/agencies/' || id || '/webhook' WHERE channel = 'webhook'`,
    [sim.url],
  );
  return sim;
}
