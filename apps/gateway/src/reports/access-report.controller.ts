import { Controller, Get, Headers, HttpException, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { AccessReports, ConsentForms, privacyContacts, renderAccessLetterHtml, renderConsentFormHtml } from '@kim/core';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';
import { RestExceptionFilter } from '../common/rest-exception.filter.js';
import { queryText, uuidParam } from '../common/rest-input.js';
import { PrincipalService } from '../auth/principal.service.js';
import { htmlToPdf } from '../board/pdf.js';
import type { Principal } from '@kim/core';

/**
 * Auskunft nach Art. 15 DSGVO for the person of a case, as JSON or as a printable German
 * letter. Case managers and coordinators of the case's area only; every report is audited.
 */
@Controller('reports')
@UseFilters(RestExceptionFilter)
export class AccessReportController {
  constructor(
    private readonly reports: AccessReports,
    private readonly consentForms: ConsentForms,
    private readonly principals: PrincipalService,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Case managers and coordinators only (the case's area is checked by the use-case). */
  private async staff(authorization: string | undefined): Promise<Principal> {
    const p = await this.principals.fromAuthorization(authorization);
    if (!p) throw new HttpException({ error: 'UNAUTHENTICATED', message: 'sign in first' }, 401);
    if (p.kind !== 'staff' || (p.role !== 'case-manager' && p.role !== 'coordinator'))
      throw new HttpException({ error: 'FORBIDDEN', message: 'case managers and coordinators only' }, 403);
    return p;
  }

  /**
   * The consent form to print before the person signs (German, then English), from what the case
   * manager chose on the consent capture screen: `agencyIds`, `categories` and `purposes` as
   * comma-separated lists (categories and purposes as GraphQL names them), optional `validFrom`,
   * `validUntil`, `formVersion`, `explainedIn`. A PDF; `format=html` gives the page it prints.
   */
  @Get('consent-form/:caseId')
  async consentForm(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() query: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const p = await this.staff(authorization);
    const list = (name: string) => queryText(name, query[name], 1000)?.split(',').filter(Boolean) ?? [];
    const format = queryText('format', query.format);
    const known = [
      'agencyIds',
      'categories',
      'purposes',
      'validFrom',
      'validUntil',
      'formVersion',
      'explainedIn',
      'format',
    ];
    const stray = Object.keys(query).find((k) => !known.includes(k));
    if (stray)
      throw new HttpException(
        {
          error: 'INVALID_INPUT',
          message: `${stray}: not a parameter of the consent form`,
          problems: [{ path: stray, message: 'not a parameter of the consent form' }],
        },
        400,
      );
    const optional = (name: string) => queryText(name, query[name]);
    const content = await this.consentForms.forCase(p, caseId, {
      agencyIds: list('agencyIds'),
      categories: list('categories'),
      purposes: list('purposes'),
      ...Object.fromEntries(
        ['validFrom', 'validUntil', 'formVersion', 'explainedIn']
          .map((k) => [k, optional(k)] as const)
          .filter(([, v]) => v !== undefined),
      ),
    });
    const html = renderConsentFormHtml(content);
    if (format === 'html') {
      res.type('html').send(html);
      return;
    }
    const pdf = await htmlToPdf(html);
    res
      .type('application/pdf')
      .setHeader('content-disposition', `attachment; filename="einwilligung-${content.caseReference}.pdf"`)
      .send(pdf);
  }

  @Get('access/:caseId')
  async access(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query('format') rawFormat: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const format = queryText('format', rawFormat);
    const p = await this.staff(authorization);
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
