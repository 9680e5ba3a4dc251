import http from 'node:http';
import { createAgencyClient, readBody, type AgencyClientOptions } from '@kim/agency-client';

/** A partner agency that takes on every referral it receives, starts the service and completes it. */
export async function startAgency(options: AgencyClientOptions, port = 8080): Promise<http.Server> {
  const hub = createAgencyClient(options);

  async function work(referralId: string) {
    await hub.sendStatus({ referralId, status: 'accepted', businessStatus: 'appointment-scheduled' });
    await hub.sendStatus({ referralId, status: 'in-progress', businessStatus: 'service-started' });
    await hub.sendStatus({ referralId, status: 'completed', servicesDelivered: ['Beratung'], outcome: 'placed' });
  }

  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) =>
        hub.handleWebhook(
          { body, headers: req.headers },
          {
            'de.kim-hub.referral.requested.v1': (event) => {
              // Answer the webhook at once and do the work after it (the hub retries unanswered webhooks).
              setImmediate(() => work(event.data.referralId).catch((e) => console.error('status not sent', e)));
            },
            'de.kim-hub.referral.cancelled.v1': (event) => console.log(`cancelled: ${event.data.reason}`),
          },
        ),
      )
      .then((answer) => res.writeHead(answer.status).end(answer.body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return server;
}

// node agency.js: configured from the environment the hub's operator gave you.
if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name: string) => process.env[name] ?? `missing ${name}`;
  await startAgency({
    hubUrl: env('KIM_HUB_URL'),
    tenantId: env('KIM_TENANT_ID'),
    agencyId: env('KIM_AGENCY_ID'),
    apiKey: env('KIM_API_KEY'),
    webhookSecret: env('KIM_WEBHOOK_SECRET'),
  });
}
