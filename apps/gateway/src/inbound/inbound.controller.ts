import { Controller, HttpCode, HttpException, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { inboundStatusEventSchema, toProblems } from '@kim/contracts';
import { DomainError, StatusIntake, audit, type IntakeResult, type Principal } from '@kim/core';
import { AgencyEntity, selectRow } from '@kim/persistence';
import { activeWebhookSecrets, verifyWebhook } from '@kim/messaging';
import { DATA_SOURCE } from '../common/tokens.js';
import { httpStatusOf } from '../common/errors.js';
import { uuidParam } from '../common/rest-input.js';
import { PINO_LOGGER } from '../logging/logger.js';

type RawRequest = Request & { rawBody?: Buffer };

/**
 * Status messages from agencies: a CloudEvent, signed per Standard Webhooks with the
 * agency's secret. Verified on the exact bytes received, validated, then stored once per
 * event id and applied through the state machine.
 */
@Controller('webhooks')
export class InboundController {
  private readonly intake: StatusIntake;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(PINO_LOGGER) private readonly log: Logger,
  ) {
    this.intake = new StatusIntake(ds);
  }

  @Post(':tenantId/agencies/:agencyId/status')
  @HttpCode(202)
  async status(
    @Param('tenantId', uuidParam('tenantId')) tenantId: string,
    @Param('agencyId', uuidParam('agencyId')) agencyId: string,
    @Req() req: RawRequest,
  ): Promise<IntakeResult> {
    const agency = await selectRow(this.ds, AgencyEntity, { tenantId, id: agencyId });
    if (!agency) throw new HttpException({ error: 'NOT_FOUND', message: 'unknown agency' }, 404);
    const principal: Extract<Principal, { kind: 'agency' }> = {
      kind: 'agency',
      tenantId,
      agencyId,
      agencyKind: agency.kind,
      name: agency.name,
    };
    const raw = req.rawBody?.toString('utf8') ?? '';
    const verified = verifyWebhook(activeWebhookSecrets(agency), raw, req.headers);
    if (!verified.ok) {
      // Only the refusal is kept, never the body.
      await this.ds.transaction((m) =>
        audit(m, principal, {
          action: 'inbound.refused',
          subjectType: 'agency',
          subjectId: agencyId,
          allowed: false,
          reason: verified.reason,
        }),
      );
      this.log.warn({ tenantId, agencyId, reason: verified.reason }, 'status message refused: signature not accepted');
      throw new HttpException({ error: 'UNAUTHENTICATED', message: `signature not accepted: ${verified.reason}` }, 401);
    }
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
    try {
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
    } catch (e) {
      if (e instanceof DomainError)
        throw new HttpException({ error: e.code, message: e.message }, httpStatusOf(e.code));
      throw e;
    }
  }
}
