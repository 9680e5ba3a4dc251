import { Controller, Get, Headers, HttpException, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { AccessReports, privacyContacts, renderAccessLetterHtml } from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import { RestExceptionFilter } from '../common/rest-exception.filter.js';
import { queryText, uuidParam } from '../common/rest-input.js';
import { PrincipalService } from '../auth/principal.service.js';

/**
 * Auskunft nach Art. 15 DSGVO for the person of a case, as JSON or as a printable German
 * letter. Case managers and coordinators of the case's area only; every report is audited.
 */
@Controller('reports')
@UseFilters(RestExceptionFilter)
export class AccessReportController {
  constructor(
    private readonly reports: AccessReports,
    private readonly principals: PrincipalService,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get('access/:caseId')
  async access(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query('format') rawFormat: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const format = queryText('format', rawFormat);
    const p = await this.principals.fromAuthorization(authorization);
    if (!p) throw new HttpException({ error: 'UNAUTHENTICATED', message: 'sign in first' }, 401);
    if (p.kind !== 'staff' || (p.role !== 'case-manager' && p.role !== 'coordinator'))
      throw new HttpException({ error: 'FORBIDDEN', message: 'case managers and coordinators only' }, 403);
    const report = await this.reports.forCase(p, caseId);
    if (format !== 'html') {
      res.json(report);
      return;
    }
    // The letter names the controller and DPO from the tenant's settings and the retention the hub applies.
    const contacts = await privacyContacts(this.ds, p.tenantId);
    res.type('html').send(renderAccessLetterHtml(report, { contacts, retentionDays: this.config.RETENTION_DAYS }));
  }
}
