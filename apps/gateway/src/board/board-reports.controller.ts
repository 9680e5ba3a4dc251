import { Controller, Get, Headers, HttpException, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { CommitteeReports, TypicalCases, renderCommitteeReportHtml, type Principal } from '@kim/core';
import { RestExceptionFilter } from '../common/rest-exception.filter.js';
import { scalarProblem } from '../common/input-bounds.js';
import { invalidInput, queryText, uuidParam } from '../common/rest-input.js';
import { PrincipalService } from '../auth/principal.service.js';
import { htmlToPdf } from './pdf.js';

/**
 * The committee report (German, HTML or PDF) and the pseudonymised typical-case export.
 * Coordinators only, for the area they supervise.
 */
@Controller('reports')
@UseFilters(RestExceptionFilter)
export class BoardReportsController {
  constructor(
    private readonly reports: CommitteeReports,
    private readonly typical: TypicalCases,
    private readonly principals: PrincipalService,
  ) {}

  private async coordinator(authorization: string | undefined): Promise<Principal> {
    const p = await this.principals.fromAuthorization(authorization);
    if (!p) throw new HttpException({ error: 'UNAUTHENTICATED', message: 'sign in first' }, 401);
    if (p.kind !== 'staff' || p.role !== 'coordinator')
      throw new HttpException({ error: 'FORBIDDEN', message: 'coordinators only' }, 403);
    return p;
  }

  /** GET /reports/committee?area=&from=YYYY-MM&to=YYYY-MM&format=html|pdf */
  @Get('committee')
  async committee(
    @Query('area') rawArea: unknown,
    @Query('from') rawFrom: unknown,
    @Query('to') rawTo: unknown,
    @Query('format') rawFormat: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const area = queryText('area', rawArea);
    if (area && scalarProblem('ID', area)) throw invalidInput('area', scalarProblem('ID', area)!);
    const from = queryText('from', rawFrom);
    const to = queryText('to', rawTo);
    const fmt = queryText('format', rawFormat) ?? 'html';
    if (fmt !== 'html' && fmt !== 'pdf') throw invalidInput('format', 'html or pdf');
    const p = await this.coordinator(authorization);
    const report = await this.reports.build(p, area || null, { from: from || null, to: to || null });
    const html = renderCommitteeReportHtml(report);
    const name = `kim-bericht-${report.board.period.from}-${report.board.period.to}`;
    if (fmt === 'html') {
      res.type('html').setHeader('content-disposition', `inline; filename="${name}.html"`).send(html);
      return;
    }
    const pdf = await htmlToPdf(html);
    res.type('application/pdf').setHeader('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
  }

  /** GET /reports/typical-case/:caseId — JSON for the working group, no direct identifiers. */
  @Get('typical-case/:caseId')
  async typicalCase(
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const p = await this.coordinator(authorization);
    const out = await this.typical.export(p, caseId);
    res.setHeader('content-disposition', `attachment; filename="${out.pseudonym}.json"`).json(out);
  }
}
