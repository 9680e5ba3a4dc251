import { Controller, HttpCode, HttpException, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { inboundStatusEventSchema, toProblems } from '@kim/contracts';
import { StatusIntake, type IntakeResult, type Principal } from '@kim/core';
import { verifyWebhook } from '@kim/messaging';
import { RestExceptionFilter } from '../common/rest-exception.filter.js';
import { uuidParam } from '../common/rest-input.js';
import { PINO_LOGGER } from '../logging/logger.js';
import { AgencySenders } from './agency-senders.js';
import { InboundRefusals, refusalReason } from './inbound-refusals.js';

type RawRequest = Request & { rawBody?: Buffer };

/**
 * Status messages from agencies: a CloudEvent, signed per Standard Webhooks with the
 * agency's secret. Verified on the exact bytes received, validated, then stored once per
 * event id and applied through the state machine.
 */
@Controller('webhooks')
@UseFilters(RestExceptionFilter)
export class InboundController {
  constructor(
    @Inject(PINO_LOGGER) private readonly log: Logger,
    private readonly refusals: InboundRefusals,
    private readonly intake: StatusIntake,
    private readonly senders: AgencySenders,
  ) {}

  @Post(':tenantId/agencies/:agencyId/status')
  @HttpCode(202)
  async status(
    @Param('tenantId', uuidParam('tenantId')) tenantId: string,
    @Param('agencyId', uuidParam('agencyId')) agencyId: string,
    @Req() req: RawRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IntakeResult> {
    const source = req.ip ?? 'unknown';
    const wait = await this.refusals.blockedFor(source);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpException(
        {
          error: 'TOO_MANY_REQUESTS',
          message: `too many refused status messages from this address; retry in ${wait} s`,
        },
        429,
      );
    }
    const found = await this.senders.sender(tenantId, agencyId);
    let agency = found.agency;
    const raw = req.rawBody?.toString('utf8') ?? '';
    let verified = agency ? verifyWebhook(agency.secrets, raw, req.headers) : null;
    if (found.fromMemory && verified && !verified.ok) {
      // The kept secrets may be a moment behind the database (a rotation just started and its
      // announcement not yet here): a refused signature is checked once more against the row.
      agency = await this.senders.stored(tenantId, agencyId);
      verified = agency ? verifyWebhook(agency.secrets, raw, req.headers) : null;
    }
    if (!agency || !verified) {
      await this.refusals.refused(source, 'unknown-agency', { source, tenantId, agencyId });
      throw new HttpException({ error: 'NOT_FOUND', message: 'unknown agency' }, 404);
    }
    if (!verified.ok) {
      // Anyone can post here: a refusal is counted and rate-limited, never kept (no ledger row, no body).
      await this.refusals.refused(source, refusalReason(verified.reason), { source, tenantId, agencyId });
      throw new HttpException({ error: 'UNAUTHENTICATED', message: `signature not accepted: ${verified.reason}` }, 401);
    }
    const principal: Extract<Principal, { kind: 'agency' }> = {
      kind: 'agency',
      tenantId,
      agencyId,
      agencyKind: agency.kind,
      name: agency.name,
    };
    const parsed = inboundStatusEventSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpException(
        { error: 'INVALID_INPUT', message: 'not a valid status event', problems: toProblems(parsed.error) },
        400,
      );
    }
    if (parsed.data.id !== req.headers['webhook-id']) {
      throw new HttpException({ error: 'INVALID_INPUT', message: 'webhook-id must equal the CloudEvent id' }, 400);
    }
    const result = await this.intake.receive(principal, parsed.data);
    this.log.info(
      {
        tenantId,
        agencyId,
        eventId: parsed.data.id,
        referralId: parsed.data.data.referralId,
        status: parsed.data.data.status,
        outcome: result.outcome,
        referralStatus: result.referralStatus,
      },
      'status message received',
    );
    return result;
  }
}
