/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment WatchFields on ReferralWatchItem {\n    referralId\n    caseId\n    caseReference\n    agencyName\n    serviceName\n    caseManagerName\n    status\n    requestedAt\n    respondBy\n    overdueWorkingDays\n  }\n": typeof types.WatchFieldsFragmentDoc,
    "\n  query StatusBoard($period: BoardPeriodInput) {\n    statusBoard(period: $period) {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      suppressionThreshold\n      period {\n        from\n        to\n      }\n      phases {\n        phase\n        cases\n      }\n      regions {\n        regionId\n        name\n        posts\n        caseloadKey\n        capacity\n        openCases\n        utilisation\n      }\n      caseManagers {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n      funnelTotal {\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      funnel {\n        agencyId\n        agencyName\n        serviceId\n        serviceName\n        integrationCourse\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      waitingTimes {\n        measure\n        scope\n        serviceName\n        medianDays\n        p90Days\n        referrals\n      }\n      trends {\n        month\n        casesOpened\n        casesClosed\n        referralsRequested\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n      milestones {\n        months {\n          month\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n        total {\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n      }\n    }\n  }\n": typeof types.StatusBoardDocument,
    "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      phase\n      openedAt\n      closedAt\n      region {\n        name\n      }\n      caseManager {\n        displayName\n      }\n      person {\n        hiddenCategories\n        givenNames\n        familyName\n        birthDate\n        birthDatePrecision\n        nationality\n        residenceStatus\n        municipality\n        languages\n        arrivalDate\n        doNotContact\n      }\n      needs {\n        domain\n        description\n      }\n      plan {\n        goals {\n          id\n          domain\n          description\n          status\n          targetDate\n        }\n      }\n      consents {\n        id\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n        evidence {\n          formVersion\n          signedOn\n          explainedInLanguage\n          interpreterUsed\n        }\n      }\n      referrals {\n        id\n        status\n        statusReason\n        respondBy\n        overdue\n        overdueWorkingDays\n        requestedAt\n        purpose\n        categories\n        outcome\n        agency {\n          id\n          name\n        }\n        service {\n          name\n        }\n      }\n      timeline {\n        id\n        kind\n        occurredAt\n        actorRole\n        referralId\n        referralStatus\n        summary\n        summaryCode\n        summaryParams {\n          name\n          values\n        }\n      }\n    }\n  }\n": typeof types.CasePageDocument,
    "\n            query ReferralServices {\n              agencies {\n                id\n                name\n                services {\n                  id\n                  name\n                  lifeDomain\n                }\n              }\n            }\n          ": typeof types.ReferralServicesDocument,
    "\n        mutation UpdatePerson($id: ID!, $input: PersonUpdateInput!) {\n          updatePerson(caseId: $id, input: $input) {\n            id\n          }\n        }\n      ": typeof types.UpdatePersonDocument,
    "\n                        mutation UpdateGoal($id: ID!, $input: GoalUpdateInput!) {\n                          updateGoal(goalId: $id, input: $input) {\n                            id\n                          }\n                        }\n                      ": typeof types.UpdateGoalDocument,
    "\n              mutation AddGoal($id: ID!, $input: GoalInput!) {\n                addGoal(caseId: $id, input: $input) {\n                  id\n                }\n              }\n            ": typeof types.AddGoalDocument,
    "\n        mutation RecordConsent($input: RecordConsentInput!) {\n          recordConsent(input: $input) {\n            id\n          }\n        }\n      ": typeof types.RecordConsentDocument,
    "\n                  mutation Send($id: ID!) {\n                    sendReferral(referralId: $id) {\n                      id\n                    }\n                  }\n                ": typeof types.SendDocument,
    "\n                  mutation Cancel($id: ID!, $reason: String!) {\n                    cancelReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                ": typeof types.CancelDocument,
    "\n                  mutation Ack($id: ID!) {\n                    acknowledgeReferralOutcome(referralId: $id)\n                  }\n                ": typeof types.AckDocument,
    "\n                  mutation Recall($id: ID!, $reason: String!) {\n                    recallReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                ": typeof types.RecallDocument,
    "\n            mutation Draft($input: CreateReferralInput!) {\n              createReferral(input: $input) {\n                id\n              }\n            }\n          ": typeof types.DraftDocument,
    "\n            query Candidates($id: ID!) {\n              handOverCandidates(caseId: $id) {\n                id\n                displayName\n              }\n            }\n          ": typeof types.CandidatesDocument,
    "\n                mutation Phase($id: ID!, $phase: CasePhase!) {\n                  moveCasePhase(caseId: $id, phase: $phase) {\n                    id\n                  }\n                }\n              ": typeof types.PhaseDocument,
    "\n                mutation Dnc($id: ID!, $on: Boolean!) {\n                  setDoNotContact(caseId: $id, doNotContact: $on)\n                }\n              ": typeof types.DncDocument,
    "\n              mutation Note($id: ID!, $note: String!) {\n                addCaseNote(caseId: $id, note: $note) {\n                  id\n                }\n              }\n            ": typeof types.NoteDocument,
    "\n              mutation Hand($input: HandOverCaseInput!) {\n                handOverCase(input: $input) {\n                  id\n                }\n              }\n            ": typeof types.HandDocument,
    "\n  query SearchCases($filter: CaseFilterInput, $after: String, $orderBy: CaseOrderInput) {\n    cases(first: 25, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          region {\n            name\n          }\n          caseManager {\n            displayName\n          }\n          person {\n            givenNames\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SearchCasesDocument,
    "\n  query Inbox($filter: CaseFilterInput) {\n    cases(first: 100, filter: $filter) {\n      edges {\n        node {\n          id\n          reference\n          referrals {\n            id\n            status\n            statusReason\n            outcome\n            respondBy\n            overdue\n            agency {\n              name\n            }\n            service {\n              name\n            }\n          }\n          timeline {\n            kind\n            referralId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.InboxDocument,
    "\n  query IntakeRegions {\n    intakeRegions {\n      id\n      name\n    }\n  }\n": typeof types.IntakeRegionsDocument,
    "\n  mutation Intake($input: OpenCaseInput!) {\n    openCase(input: $input) {\n      id\n      reference\n    }\n  }\n": typeof types.IntakeDocument,
    "\n  query LinkReviews($first: Int!, $after: String, $id: ID, $orderBy: LinkReviewOrderInput) {\n    linkReviewPage(first: $first, after: $after, id: $id, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          personAId\n          personBId\n          casesA\n          casesB\n          score\n          capped\n          source\n          status\n          createdAt\n          evidence {\n            field\n            level\n            weight\n            category\n            valueA\n            valueB\n          }\n        }\n      }\n    }\n  }\n": typeof types.LinkReviewsDocument,
    "\n  mutation DecideLinkReview($input: DecideLinkReviewInput!) {\n    decideLinkReview(input: $input) {\n      id\n      status\n      note\n      decidedAt\n    }\n  }\n": typeof types.DecideLinkReviewDocument,
    "\n  query MyCases($filter: CaseFilterInput, $after: String, $first: Int!, $orderBy: CaseOrderInput) {\n    cases(first: $first, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          person {\n            givenNames\n            familyName\n          }\n          referrals {\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyCasesDocument,
    "\n  query IncomingTransfers {\n    incomingTransfers {\n      id\n      fromKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n    }\n    intakeRegions {\n      id\n      name\n    }\n  }\n": typeof types.IncomingTransfersDocument,
    "\n  mutation AcceptTransfer($input: AcceptTransferInput!) {\n    acceptTransfer(input: $input) {\n      caseId\n      caseReference\n    }\n  }\n": typeof types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($input: DeclineTransferInput!) {\n    declineTransfer(input: $input) {\n      id\n    }\n  }\n": typeof types.DeclineTransferDocument,
    "\n  query ReferralWatch(\n    $kind: ReferralWatchKind!\n    $first: Int!\n    $after: String\n    $agencyId: ID\n    $newestFirst: Boolean!\n    $orderBy: ReferralWatchOrderInput\n  ) {\n    referralWatch(\n      kind: $kind\n      first: $first\n      after: $after\n      agencyId: $agencyId\n      newestFirst: $newestFirst\n      orderBy: $orderBy\n    ) {\n      totalCount\n      byAgency {\n        agencyId\n        agencyName\n        referrals\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WatchFields\n        }\n      }\n    }\n  }\n": typeof types.ReferralWatchDocument,
    "\n  query AdminAreas {\n    coordinationAreas {\n      id\n      name\n      kind\n    }\n    regionalAreas {\n      id\n      name\n      coordinationAreaId\n      fte\n      caseloadKey\n      contactPhone\n      contactEmail\n    }\n  }\n": typeof types.AdminAreasDocument,
    "\n  fragment AdminStaffFields on StaffUser {\n    id\n    displayName\n    email\n    role\n    regionId\n    coordinationAreaId\n    fte\n    active\n  }\n": typeof types.AdminStaffFieldsFragmentDoc,
    "\n  query AdminStaff($first: Int!, $after: ID) {\n    staffUserPage(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AdminStaffFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminStaffDocument,
    "\n  query AdminStaffAll {\n    staffUsers {\n      ...AdminStaffFields\n    }\n  }\n": typeof types.AdminStaffAllDocument,
    "\n  query AdminAgencies {\n    administeredAgencies {\n      id\n      name\n      kind\n      legalDomain\n      channel\n      webhookUrl\n      statusUrl\n      contactPhone\n      contactEmail\n      contactAddress\n      contactHours\n      services {\n        id\n        code\n        name\n        lifeDomain\n        responseDays\n        integrationCourse\n        fundingLine\n      }\n    }\n  }\n": typeof types.AdminAgenciesDocument,
    "\n  query AdminCredentials {\n    credentials {\n      id\n      staffUserId\n      agencyId\n      prefix\n      label\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      state\n    }\n  }\n": typeof types.AdminCredentialsDocument,
    "\n  mutation CreateCoordinationArea($input: CoordinationAreaInput!) {\n    createCoordinationArea(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateCoordinationAreaDocument,
    "\n  mutation RenameCoordinationArea($id: ID!, $name: String!) {\n    renameCoordinationArea(id: $id, name: $name) {\n      id\n    }\n  }\n": typeof types.RenameCoordinationAreaDocument,
    "\n  mutation CreateRegionalArea($input: RegionalAreaInput!) {\n    createRegionalArea(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateRegionalAreaDocument,
    "\n  mutation UpdateRegionalArea($id: ID!, $input: RegionalAreaUpdate!) {\n    updateRegionalArea(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateRegionalAreaDocument,
    "\n  mutation CreateStaffUser($input: StaffUserInput!) {\n    createStaffUser(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateStaffUserDocument,
    "\n  mutation UpdateStaffUser($id: ID!, $input: StaffUserUpdate!) {\n    updateStaffUser(id: $id, input: $input) {\n      id\n      active\n    }\n  }\n": typeof types.UpdateStaffUserDocument,
    "\n  mutation CreateAgency($input: AgencyInput!) {\n    createAgency(input: $input) {\n      agencyId\n      webhookSecret\n      statusUrl\n    }\n  }\n": typeof types.CreateAgencyDocument,
    "\n  mutation UpdateAgency($id: ID!, $input: AgencyUpdate!) {\n    updateAgency(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateAgencyDocument,
    "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateServiceDocument,
    "\n  mutation UpdateService($id: ID!, $input: ServiceUpdate!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateServiceDocument,
    "\n  fragment IssuedCredential on IssuedCredential {\n    secret\n    credential {\n      id\n      prefix\n    }\n  }\n": typeof types.IssuedCredentialFragmentDoc,
    "\n  mutation IssueCredential($owner: CredentialOwnerInput!, $label: String, $validDays: Int) {\n    issueCredential(owner: $owner, label: $label, validDays: $validDays) {\n      ...IssuedCredential\n    }\n  }\n": typeof types.IssueCredentialDocument,
    "\n  mutation RevokeCredential($id: ID!) {\n    revokeCredential(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.RevokeCredentialDocument,
    "\n  mutation ExpireCredential($id: ID!) {\n    expireCredential(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.ExpireCredentialDocument,
    "\n  mutation RotateCredential($id: ID!, $overlapSeconds: Int!) {\n    rotateCredential(id: $id, overlapSeconds: $overlapSeconds) {\n      ...IssuedCredential\n    }\n  }\n": typeof types.RotateCredentialDocument,
    "\n  query PersonPath($id: ID!) {\n    personPath(caseId: $id) {\n      id: caseId\n      achievements {\n        id\n        kind\n        achievedOn\n        endedOn\n        cefrLevel\n        test\n        provider\n        points\n        hoursPerWeek\n        securesLivelihood\n        attendee\n        title\n        qualification\n        completed\n        recognition\n        source\n        evidence {\n          kind\n          reference\n          seenOn\n        }\n        correctionReason\n        supersededAt\n      }\n      residenceRoutes {\n        key\n        law\n        validFrom\n        title {\n          de\n          en\n        }\n        disclaimer {\n          de\n          en\n        }\n        facts {\n          key\n          source\n          status\n          label {\n            de\n            en\n          }\n          note {\n            de\n            en\n          }\n        }\n      }\n      dossiers {\n        id\n        agencyId\n        achievementIds\n        createdAt\n        deliveryState\n      }\n    }\n    case(id: $id) {\n      consents {\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n      }\n    }\n  }\n": typeof types.PersonPathDocument,
    "\n  mutation RecordAchievement($caseId: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {\n    recordAchievement(caseId: $caseId, achievement: $a, evidence: $e) {\n      id\n    }\n  }\n": typeof types.RecordAchievementDocument,
    "\n  mutation CorrectAchievement($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!, $reason: String!) {\n    correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: $reason) {\n      id\n    }\n  }\n": typeof types.CorrectAchievementDocument,
    "\n  mutation SendDossier($input: SendDossierInput!) {\n    sendDossier(input: $input) {\n      id\n    }\n  }\n": typeof types.SendDossierDocument,
    "\n            query DossierAgencies {\n              agencies {\n                id\n                name\n                kind\n              }\n            }\n          ": typeof types.DossierAgenciesDocument,
    "\n  query CaseTransfer($id: ID!) {\n    transferOptions(caseId: $id) {\n      tenantId\n      kreis\n      covered\n      consentId\n      categories\n      refusal\n      closestConsentId\n    }\n    caseTransfers(caseId: $id) {\n      id\n      toKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n      closedAt\n    }\n  }\n": typeof types.CaseTransferDocument,
    "\n  mutation OfferTransfer($input: OfferTransferInput!) {\n    offerTransfer(input: $input) {\n      id\n    }\n  }\n": typeof types.OfferTransferDocument,
    "\n  mutation WithdrawTransfer($id: ID!) {\n    withdrawTransfer(transferId: $id) {\n      id\n    }\n  }\n": typeof types.WithdrawTransferDocument,
    "\n  mutation RecordTransferConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordTransferConsentDocument,
    "\n  query Barriers($flagOrder: FlaggedCaseOrderInput) {\n    barriers {\n      areaName\n      asOf\n      replicaLagSeconds\n      period {\n        from\n        to\n      }\n      flagCounts {\n        kind\n        cases\n      }\n      flaggedCases(orderBy: $flagOrder) {\n        caseId\n        caseReference\n        kind\n        regionName\n      }\n      needs {\n        domain\n        openNeeds\n        referred\n        notReferred\n        servicesInNetwork\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n    }\n  }\n": typeof types.BarriersDocument,
    "\n  fragment OverrideFields on AccessOverride {\n    id\n    caseId\n    caseReference\n    staffName\n    reason\n    openedAt\n    expiresAt\n    reads\n    reviewedAt\n    reviewNote\n    verdict\n  }\n": typeof types.OverrideFieldsFragmentDoc,
    "\n  query AccessOverridePage($first: Int!, $after: String, $orderBy: AccessOverrideOrderInput) {\n    accessOverridePage(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      unreviewedCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...OverrideFields\n        }\n      }\n    }\n  }\n": typeof types.AccessOverridePageDocument,
    "\n  query AccessOverride($ids: [ID!]) {\n    accessOverrides(first: 1, ids: $ids) {\n      ...OverrideFields\n    }\n  }\n": typeof types.AccessOverrideDocument,
    "\n  mutation ReviewAccessOverride($input: ReviewAccessOverrideInput!) {\n    reviewAccessOverride(input: $input) {\n      id\n      reviewedAt\n      verdict\n      reviewNote\n    }\n  }\n": typeof types.ReviewAccessOverrideDocument,
    "\n  query Caseload($orderBy: CaseloadOrderInput) {\n    statusBoard {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      regions {\n        regionId\n        name\n        capacity\n      }\n      caseManagers(orderBy: $orderBy) {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n    }\n  }\n": typeof types.CaseloadDocument,
    "\n  query DeadMessages($first: Int!, $after: String, $orderBy: OutboundMessageOrderInput) {\n    outboundMessages(state: DEAD, first: $first, after: $after, orderBy: $orderBy) {\n      id\n      cursor\n      eventType\n      attempts\n      lastError\n      createdAt\n      replays\n      agency {\n        name\n      }\n    }\n  }\n": typeof types.DeadMessagesDocument,
    "\n  mutation ReplayMessage($id: ID!) {\n    replayMessage(id: $id) {\n      id\n      deliveryState\n    }\n  }\n": typeof types.ReplayMessageDocument,
    "\n  mutation DiscardMessage($id: ID!, $reason: String!) {\n    discardMessage(id: $id, reason: $reason) {\n      id\n      deliveryState\n      discardReason\n    }\n  }\n": typeof types.DiscardMessageDocument,
    "\n  query ReviewsWaiting {\n    accessOverridePage(first: 1) {\n      unreviewedCount\n    }\n    barriers {\n      flaggedCases {\n        caseId\n      }\n    }\n  }\n": typeof types.ReviewsWaitingDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      role\n    }\n  }\n": typeof types.MeDocument,
};
const documents: Documents = {
    "\n  fragment WatchFields on ReferralWatchItem {\n    referralId\n    caseId\n    caseReference\n    agencyName\n    serviceName\n    caseManagerName\n    status\n    requestedAt\n    respondBy\n    overdueWorkingDays\n  }\n": types.WatchFieldsFragmentDoc,
    "\n  query StatusBoard($period: BoardPeriodInput) {\n    statusBoard(period: $period) {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      suppressionThreshold\n      period {\n        from\n        to\n      }\n      phases {\n        phase\n        cases\n      }\n      regions {\n        regionId\n        name\n        posts\n        caseloadKey\n        capacity\n        openCases\n        utilisation\n      }\n      caseManagers {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n      funnelTotal {\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      funnel {\n        agencyId\n        agencyName\n        serviceId\n        serviceName\n        integrationCourse\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      waitingTimes {\n        measure\n        scope\n        serviceName\n        medianDays\n        p90Days\n        referrals\n      }\n      trends {\n        month\n        casesOpened\n        casesClosed\n        referralsRequested\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n      milestones {\n        months {\n          month\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n        total {\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n      }\n    }\n  }\n": types.StatusBoardDocument,
    "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      phase\n      openedAt\n      closedAt\n      region {\n        name\n      }\n      caseManager {\n        displayName\n      }\n      person {\n        hiddenCategories\n        givenNames\n        familyName\n        birthDate\n        birthDatePrecision\n        nationality\n        residenceStatus\n        municipality\n        languages\n        arrivalDate\n        doNotContact\n      }\n      needs {\n        domain\n        description\n      }\n      plan {\n        goals {\n          id\n          domain\n          description\n          status\n          targetDate\n        }\n      }\n      consents {\n        id\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n        evidence {\n          formVersion\n          signedOn\n          explainedInLanguage\n          interpreterUsed\n        }\n      }\n      referrals {\n        id\n        status\n        statusReason\n        respondBy\n        overdue\n        overdueWorkingDays\n        requestedAt\n        purpose\n        categories\n        outcome\n        agency {\n          id\n          name\n        }\n        service {\n          name\n        }\n      }\n      timeline {\n        id\n        kind\n        occurredAt\n        actorRole\n        referralId\n        referralStatus\n        summary\n        summaryCode\n        summaryParams {\n          name\n          values\n        }\n      }\n    }\n  }\n": types.CasePageDocument,
    "\n            query ReferralServices {\n              agencies {\n                id\n                name\n                services {\n                  id\n                  name\n                  lifeDomain\n                }\n              }\n            }\n          ": types.ReferralServicesDocument,
    "\n        mutation UpdatePerson($id: ID!, $input: PersonUpdateInput!) {\n          updatePerson(caseId: $id, input: $input) {\n            id\n          }\n        }\n      ": types.UpdatePersonDocument,
    "\n                        mutation UpdateGoal($id: ID!, $input: GoalUpdateInput!) {\n                          updateGoal(goalId: $id, input: $input) {\n                            id\n                          }\n                        }\n                      ": types.UpdateGoalDocument,
    "\n              mutation AddGoal($id: ID!, $input: GoalInput!) {\n                addGoal(caseId: $id, input: $input) {\n                  id\n                }\n              }\n            ": types.AddGoalDocument,
    "\n        mutation RecordConsent($input: RecordConsentInput!) {\n          recordConsent(input: $input) {\n            id\n          }\n        }\n      ": types.RecordConsentDocument,
    "\n                  mutation Send($id: ID!) {\n                    sendReferral(referralId: $id) {\n                      id\n                    }\n                  }\n                ": types.SendDocument,
    "\n                  mutation Cancel($id: ID!, $reason: String!) {\n                    cancelReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                ": types.CancelDocument,
    "\n                  mutation Ack($id: ID!) {\n                    acknowledgeReferralOutcome(referralId: $id)\n                  }\n                ": types.AckDocument,
    "\n                  mutation Recall($id: ID!, $reason: String!) {\n                    recallReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                ": types.RecallDocument,
    "\n            mutation Draft($input: CreateReferralInput!) {\n              createReferral(input: $input) {\n                id\n              }\n            }\n          ": types.DraftDocument,
    "\n            query Candidates($id: ID!) {\n              handOverCandidates(caseId: $id) {\n                id\n                displayName\n              }\n            }\n          ": types.CandidatesDocument,
    "\n                mutation Phase($id: ID!, $phase: CasePhase!) {\n                  moveCasePhase(caseId: $id, phase: $phase) {\n                    id\n                  }\n                }\n              ": types.PhaseDocument,
    "\n                mutation Dnc($id: ID!, $on: Boolean!) {\n                  setDoNotContact(caseId: $id, doNotContact: $on)\n                }\n              ": types.DncDocument,
    "\n              mutation Note($id: ID!, $note: String!) {\n                addCaseNote(caseId: $id, note: $note) {\n                  id\n                }\n              }\n            ": types.NoteDocument,
    "\n              mutation Hand($input: HandOverCaseInput!) {\n                handOverCase(input: $input) {\n                  id\n                }\n              }\n            ": types.HandDocument,
    "\n  query SearchCases($filter: CaseFilterInput, $after: String, $orderBy: CaseOrderInput) {\n    cases(first: 25, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          region {\n            name\n          }\n          caseManager {\n            displayName\n          }\n          person {\n            givenNames\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SearchCasesDocument,
    "\n  query Inbox($filter: CaseFilterInput) {\n    cases(first: 100, filter: $filter) {\n      edges {\n        node {\n          id\n          reference\n          referrals {\n            id\n            status\n            statusReason\n            outcome\n            respondBy\n            overdue\n            agency {\n              name\n            }\n            service {\n              name\n            }\n          }\n          timeline {\n            kind\n            referralId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.InboxDocument,
    "\n  query IntakeRegions {\n    intakeRegions {\n      id\n      name\n    }\n  }\n": types.IntakeRegionsDocument,
    "\n  mutation Intake($input: OpenCaseInput!) {\n    openCase(input: $input) {\n      id\n      reference\n    }\n  }\n": types.IntakeDocument,
    "\n  query LinkReviews($first: Int!, $after: String, $id: ID, $orderBy: LinkReviewOrderInput) {\n    linkReviewPage(first: $first, after: $after, id: $id, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          personAId\n          personBId\n          casesA\n          casesB\n          score\n          capped\n          source\n          status\n          createdAt\n          evidence {\n            field\n            level\n            weight\n            category\n            valueA\n            valueB\n          }\n        }\n      }\n    }\n  }\n": types.LinkReviewsDocument,
    "\n  mutation DecideLinkReview($input: DecideLinkReviewInput!) {\n    decideLinkReview(input: $input) {\n      id\n      status\n      note\n      decidedAt\n    }\n  }\n": types.DecideLinkReviewDocument,
    "\n  query MyCases($filter: CaseFilterInput, $after: String, $first: Int!, $orderBy: CaseOrderInput) {\n    cases(first: $first, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          person {\n            givenNames\n            familyName\n          }\n          referrals {\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyCasesDocument,
    "\n  query IncomingTransfers {\n    incomingTransfers {\n      id\n      fromKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n    }\n    intakeRegions {\n      id\n      name\n    }\n  }\n": types.IncomingTransfersDocument,
    "\n  mutation AcceptTransfer($input: AcceptTransferInput!) {\n    acceptTransfer(input: $input) {\n      caseId\n      caseReference\n    }\n  }\n": types.AcceptTransferDocument,
    "\n  mutation DeclineTransfer($input: DeclineTransferInput!) {\n    declineTransfer(input: $input) {\n      id\n    }\n  }\n": types.DeclineTransferDocument,
    "\n  query ReferralWatch(\n    $kind: ReferralWatchKind!\n    $first: Int!\n    $after: String\n    $agencyId: ID\n    $newestFirst: Boolean!\n    $orderBy: ReferralWatchOrderInput\n  ) {\n    referralWatch(\n      kind: $kind\n      first: $first\n      after: $after\n      agencyId: $agencyId\n      newestFirst: $newestFirst\n      orderBy: $orderBy\n    ) {\n      totalCount\n      byAgency {\n        agencyId\n        agencyName\n        referrals\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WatchFields\n        }\n      }\n    }\n  }\n": types.ReferralWatchDocument,
    "\n  query AdminAreas {\n    coordinationAreas {\n      id\n      name\n      kind\n    }\n    regionalAreas {\n      id\n      name\n      coordinationAreaId\n      fte\n      caseloadKey\n      contactPhone\n      contactEmail\n    }\n  }\n": types.AdminAreasDocument,
    "\n  fragment AdminStaffFields on StaffUser {\n    id\n    displayName\n    email\n    role\n    regionId\n    coordinationAreaId\n    fte\n    active\n  }\n": types.AdminStaffFieldsFragmentDoc,
    "\n  query AdminStaff($first: Int!, $after: ID) {\n    staffUserPage(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AdminStaffFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminStaffDocument,
    "\n  query AdminStaffAll {\n    staffUsers {\n      ...AdminStaffFields\n    }\n  }\n": types.AdminStaffAllDocument,
    "\n  query AdminAgencies {\n    administeredAgencies {\n      id\n      name\n      kind\n      legalDomain\n      channel\n      webhookUrl\n      statusUrl\n      contactPhone\n      contactEmail\n      contactAddress\n      contactHours\n      services {\n        id\n        code\n        name\n        lifeDomain\n        responseDays\n        integrationCourse\n        fundingLine\n      }\n    }\n  }\n": types.AdminAgenciesDocument,
    "\n  query AdminCredentials {\n    credentials {\n      id\n      staffUserId\n      agencyId\n      prefix\n      label\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      state\n    }\n  }\n": types.AdminCredentialsDocument,
    "\n  mutation CreateCoordinationArea($input: CoordinationAreaInput!) {\n    createCoordinationArea(input: $input) {\n      id\n    }\n  }\n": types.CreateCoordinationAreaDocument,
    "\n  mutation RenameCoordinationArea($id: ID!, $name: String!) {\n    renameCoordinationArea(id: $id, name: $name) {\n      id\n    }\n  }\n": types.RenameCoordinationAreaDocument,
    "\n  mutation CreateRegionalArea($input: RegionalAreaInput!) {\n    createRegionalArea(input: $input) {\n      id\n    }\n  }\n": types.CreateRegionalAreaDocument,
    "\n  mutation UpdateRegionalArea($id: ID!, $input: RegionalAreaUpdate!) {\n    updateRegionalArea(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateRegionalAreaDocument,
    "\n  mutation CreateStaffUser($input: StaffUserInput!) {\n    createStaffUser(input: $input) {\n      id\n    }\n  }\n": types.CreateStaffUserDocument,
    "\n  mutation UpdateStaffUser($id: ID!, $input: StaffUserUpdate!) {\n    updateStaffUser(id: $id, input: $input) {\n      id\n      active\n    }\n  }\n": types.UpdateStaffUserDocument,
    "\n  mutation CreateAgency($input: AgencyInput!) {\n    createAgency(input: $input) {\n      agencyId\n      webhookSecret\n      statusUrl\n    }\n  }\n": types.CreateAgencyDocument,
    "\n  mutation UpdateAgency($id: ID!, $input: AgencyUpdate!) {\n    updateAgency(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateAgencyDocument,
    "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n": types.CreateServiceDocument,
    "\n  mutation UpdateService($id: ID!, $input: ServiceUpdate!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateServiceDocument,
    "\n  fragment IssuedCredential on IssuedCredential {\n    secret\n    credential {\n      id\n      prefix\n    }\n  }\n": types.IssuedCredentialFragmentDoc,
    "\n  mutation IssueCredential($owner: CredentialOwnerInput!, $label: String, $validDays: Int) {\n    issueCredential(owner: $owner, label: $label, validDays: $validDays) {\n      ...IssuedCredential\n    }\n  }\n": types.IssueCredentialDocument,
    "\n  mutation RevokeCredential($id: ID!) {\n    revokeCredential(id: $id) {\n      id\n      state\n    }\n  }\n": types.RevokeCredentialDocument,
    "\n  mutation ExpireCredential($id: ID!) {\n    expireCredential(id: $id) {\n      id\n      state\n    }\n  }\n": types.ExpireCredentialDocument,
    "\n  mutation RotateCredential($id: ID!, $overlapSeconds: Int!) {\n    rotateCredential(id: $id, overlapSeconds: $overlapSeconds) {\n      ...IssuedCredential\n    }\n  }\n": types.RotateCredentialDocument,
    "\n  query PersonPath($id: ID!) {\n    personPath(caseId: $id) {\n      id: caseId\n      achievements {\n        id\n        kind\n        achievedOn\n        endedOn\n        cefrLevel\n        test\n        provider\n        points\n        hoursPerWeek\n        securesLivelihood\n        attendee\n        title\n        qualification\n        completed\n        recognition\n        source\n        evidence {\n          kind\n          reference\n          seenOn\n        }\n        correctionReason\n        supersededAt\n      }\n      residenceRoutes {\n        key\n        law\n        validFrom\n        title {\n          de\n          en\n        }\n        disclaimer {\n          de\n          en\n        }\n        facts {\n          key\n          source\n          status\n          label {\n            de\n            en\n          }\n          note {\n            de\n            en\n          }\n        }\n      }\n      dossiers {\n        id\n        agencyId\n        achievementIds\n        createdAt\n        deliveryState\n      }\n    }\n    case(id: $id) {\n      consents {\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n      }\n    }\n  }\n": types.PersonPathDocument,
    "\n  mutation RecordAchievement($caseId: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {\n    recordAchievement(caseId: $caseId, achievement: $a, evidence: $e) {\n      id\n    }\n  }\n": types.RecordAchievementDocument,
    "\n  mutation CorrectAchievement($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!, $reason: String!) {\n    correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: $reason) {\n      id\n    }\n  }\n": types.CorrectAchievementDocument,
    "\n  mutation SendDossier($input: SendDossierInput!) {\n    sendDossier(input: $input) {\n      id\n    }\n  }\n": types.SendDossierDocument,
    "\n            query DossierAgencies {\n              agencies {\n                id\n                name\n                kind\n              }\n            }\n          ": types.DossierAgenciesDocument,
    "\n  query CaseTransfer($id: ID!) {\n    transferOptions(caseId: $id) {\n      tenantId\n      kreis\n      covered\n      consentId\n      categories\n      refusal\n      closestConsentId\n    }\n    caseTransfers(caseId: $id) {\n      id\n      toKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n      closedAt\n    }\n  }\n": types.CaseTransferDocument,
    "\n  mutation OfferTransfer($input: OfferTransferInput!) {\n    offerTransfer(input: $input) {\n      id\n    }\n  }\n": types.OfferTransferDocument,
    "\n  mutation WithdrawTransfer($id: ID!) {\n    withdrawTransfer(transferId: $id) {\n      id\n    }\n  }\n": types.WithdrawTransferDocument,
    "\n  mutation RecordTransferConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n": types.RecordTransferConsentDocument,
    "\n  query Barriers($flagOrder: FlaggedCaseOrderInput) {\n    barriers {\n      areaName\n      asOf\n      replicaLagSeconds\n      period {\n        from\n        to\n      }\n      flagCounts {\n        kind\n        cases\n      }\n      flaggedCases(orderBy: $flagOrder) {\n        caseId\n        caseReference\n        kind\n        regionName\n      }\n      needs {\n        domain\n        openNeeds\n        referred\n        notReferred\n        servicesInNetwork\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n    }\n  }\n": types.BarriersDocument,
    "\n  fragment OverrideFields on AccessOverride {\n    id\n    caseId\n    caseReference\n    staffName\n    reason\n    openedAt\n    expiresAt\n    reads\n    reviewedAt\n    reviewNote\n    verdict\n  }\n": types.OverrideFieldsFragmentDoc,
    "\n  query AccessOverridePage($first: Int!, $after: String, $orderBy: AccessOverrideOrderInput) {\n    accessOverridePage(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      unreviewedCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...OverrideFields\n        }\n      }\n    }\n  }\n": types.AccessOverridePageDocument,
    "\n  query AccessOverride($ids: [ID!]) {\n    accessOverrides(first: 1, ids: $ids) {\n      ...OverrideFields\n    }\n  }\n": types.AccessOverrideDocument,
    "\n  mutation ReviewAccessOverride($input: ReviewAccessOverrideInput!) {\n    reviewAccessOverride(input: $input) {\n      id\n      reviewedAt\n      verdict\n      reviewNote\n    }\n  }\n": types.ReviewAccessOverrideDocument,
    "\n  query Caseload($orderBy: CaseloadOrderInput) {\n    statusBoard {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      regions {\n        regionId\n        name\n        capacity\n      }\n      caseManagers(orderBy: $orderBy) {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n    }\n  }\n": types.CaseloadDocument,
    "\n  query DeadMessages($first: Int!, $after: String, $orderBy: OutboundMessageOrderInput) {\n    outboundMessages(state: DEAD, first: $first, after: $after, orderBy: $orderBy) {\n      id\n      cursor\n      eventType\n      attempts\n      lastError\n      createdAt\n      replays\n      agency {\n        name\n      }\n    }\n  }\n": types.DeadMessagesDocument,
    "\n  mutation ReplayMessage($id: ID!) {\n    replayMessage(id: $id) {\n      id\n      deliveryState\n    }\n  }\n": types.ReplayMessageDocument,
    "\n  mutation DiscardMessage($id: ID!, $reason: String!) {\n    discardMessage(id: $id, reason: $reason) {\n      id\n      deliveryState\n      discardReason\n    }\n  }\n": types.DiscardMessageDocument,
    "\n  query ReviewsWaiting {\n    accessOverridePage(first: 1) {\n      unreviewedCount\n    }\n    barriers {\n      flaggedCases {\n        caseId\n      }\n    }\n  }\n": types.ReviewsWaitingDocument,
    "\n  query Me {\n    me {\n      id\n      displayName\n      role\n    }\n  }\n": types.MeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WatchFields on ReferralWatchItem {\n    referralId\n    caseId\n    caseReference\n    agencyName\n    serviceName\n    caseManagerName\n    status\n    requestedAt\n    respondBy\n    overdueWorkingDays\n  }\n"): typeof import('./graphql').WatchFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatusBoard($period: BoardPeriodInput) {\n    statusBoard(period: $period) {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      suppressionThreshold\n      period {\n        from\n        to\n      }\n      phases {\n        phase\n        cases\n      }\n      regions {\n        regionId\n        name\n        posts\n        caseloadKey\n        capacity\n        openCases\n        utilisation\n      }\n      caseManagers {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n      funnelTotal {\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      funnel {\n        agencyId\n        agencyName\n        serviceId\n        serviceName\n        integrationCourse\n        requested\n        awaitingAnswer\n        overdue\n        accepted\n        inProgress\n        completed\n        rejected\n        failed\n        openLoops\n      }\n      waitingTimes {\n        measure\n        scope\n        serviceName\n        medianDays\n        p90Days\n        referrals\n      }\n      trends {\n        month\n        casesOpened\n        casesClosed\n        referralsRequested\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n      milestones {\n        months {\n          month\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n        total {\n          b1Reached\n          courseCompleted\n          livelihoodSecured\n          naturalised\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StatusBoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CasePage($id: ID!) {\n    case(id: $id) {\n      id\n      reference\n      phase\n      openedAt\n      closedAt\n      region {\n        name\n      }\n      caseManager {\n        displayName\n      }\n      person {\n        hiddenCategories\n        givenNames\n        familyName\n        birthDate\n        birthDatePrecision\n        nationality\n        residenceStatus\n        municipality\n        languages\n        arrivalDate\n        doNotContact\n      }\n      needs {\n        domain\n        description\n      }\n      plan {\n        goals {\n          id\n          domain\n          description\n          status\n          targetDate\n        }\n      }\n      consents {\n        id\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n        evidence {\n          formVersion\n          signedOn\n          explainedInLanguage\n          interpreterUsed\n        }\n      }\n      referrals {\n        id\n        status\n        statusReason\n        respondBy\n        overdue\n        overdueWorkingDays\n        requestedAt\n        purpose\n        categories\n        outcome\n        agency {\n          id\n          name\n        }\n        service {\n          name\n        }\n      }\n      timeline {\n        id\n        kind\n        occurredAt\n        actorRole\n        referralId\n        referralStatus\n        summary\n        summaryCode\n        summaryParams {\n          name\n          values\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CasePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n            query ReferralServices {\n              agencies {\n                id\n                name\n                services {\n                  id\n                  name\n                  lifeDomain\n                }\n              }\n            }\n          "): typeof import('./graphql').ReferralServicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation UpdatePerson($id: ID!, $input: PersonUpdateInput!) {\n          updatePerson(caseId: $id, input: $input) {\n            id\n          }\n        }\n      "): typeof import('./graphql').UpdatePersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                        mutation UpdateGoal($id: ID!, $input: GoalUpdateInput!) {\n                          updateGoal(goalId: $id, input: $input) {\n                            id\n                          }\n                        }\n                      "): typeof import('./graphql').UpdateGoalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n              mutation AddGoal($id: ID!, $input: GoalInput!) {\n                addGoal(caseId: $id, input: $input) {\n                  id\n                }\n              }\n            "): typeof import('./graphql').AddGoalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation RecordConsent($input: RecordConsentInput!) {\n          recordConsent(input: $input) {\n            id\n          }\n        }\n      "): typeof import('./graphql').RecordConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                  mutation Send($id: ID!) {\n                    sendReferral(referralId: $id) {\n                      id\n                    }\n                  }\n                "): typeof import('./graphql').SendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                  mutation Cancel($id: ID!, $reason: String!) {\n                    cancelReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                "): typeof import('./graphql').CancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                  mutation Ack($id: ID!) {\n                    acknowledgeReferralOutcome(referralId: $id)\n                  }\n                "): typeof import('./graphql').AckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                  mutation Recall($id: ID!, $reason: String!) {\n                    recallReferral(referralId: $id, reason: $reason) {\n                      id\n                    }\n                  }\n                "): typeof import('./graphql').RecallDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n            mutation Draft($input: CreateReferralInput!) {\n              createReferral(input: $input) {\n                id\n              }\n            }\n          "): typeof import('./graphql').DraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n            query Candidates($id: ID!) {\n              handOverCandidates(caseId: $id) {\n                id\n                displayName\n              }\n            }\n          "): typeof import('./graphql').CandidatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                mutation Phase($id: ID!, $phase: CasePhase!) {\n                  moveCasePhase(caseId: $id, phase: $phase) {\n                    id\n                  }\n                }\n              "): typeof import('./graphql').PhaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n                mutation Dnc($id: ID!, $on: Boolean!) {\n                  setDoNotContact(caseId: $id, doNotContact: $on)\n                }\n              "): typeof import('./graphql').DncDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n              mutation Note($id: ID!, $note: String!) {\n                addCaseNote(caseId: $id, note: $note) {\n                  id\n                }\n              }\n            "): typeof import('./graphql').NoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n              mutation Hand($input: HandOverCaseInput!) {\n                handOverCase(input: $input) {\n                  id\n                }\n              }\n            "): typeof import('./graphql').HandDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCases($filter: CaseFilterInput, $after: String, $orderBy: CaseOrderInput) {\n    cases(first: 25, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          region {\n            name\n          }\n          caseManager {\n            displayName\n          }\n          person {\n            givenNames\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').SearchCasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox($filter: CaseFilterInput) {\n    cases(first: 100, filter: $filter) {\n      edges {\n        node {\n          id\n          reference\n          referrals {\n            id\n            status\n            statusReason\n            outcome\n            respondBy\n            overdue\n            agency {\n              name\n            }\n            service {\n              name\n            }\n          }\n          timeline {\n            kind\n            referralId\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').InboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakeRegions {\n    intakeRegions {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').IntakeRegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Intake($input: OpenCaseInput!) {\n    openCase(input: $input) {\n      id\n      reference\n    }\n  }\n"): typeof import('./graphql').IntakeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LinkReviews($first: Int!, $after: String, $id: ID, $orderBy: LinkReviewOrderInput) {\n    linkReviewPage(first: $first, after: $after, id: $id, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          personAId\n          personBId\n          casesA\n          casesB\n          score\n          capped\n          source\n          status\n          createdAt\n          evidence {\n            field\n            level\n            weight\n            category\n            valueA\n            valueB\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LinkReviewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideLinkReview($input: DecideLinkReviewInput!) {\n    decideLinkReview(input: $input) {\n      id\n      status\n      note\n      decidedAt\n    }\n  }\n"): typeof import('./graphql').DecideLinkReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCases($filter: CaseFilterInput, $after: String, $first: Int!, $orderBy: CaseOrderInput) {\n    cases(first: $first, filter: $filter, after: $after, orderBy: $orderBy) {\n      edges {\n        node {\n          id\n          reference\n          phase\n          openedAt\n          person {\n            givenNames\n            familyName\n          }\n          referrals {\n            status\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').MyCasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncomingTransfers {\n    incomingTransfers {\n      id\n      fromKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n    }\n    intakeRegions {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').IncomingTransfersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptTransfer($input: AcceptTransferInput!) {\n    acceptTransfer(input: $input) {\n      caseId\n      caseReference\n    }\n  }\n"): typeof import('./graphql').AcceptTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineTransfer($input: DeclineTransferInput!) {\n    declineTransfer(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').DeclineTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralWatch(\n    $kind: ReferralWatchKind!\n    $first: Int!\n    $after: String\n    $agencyId: ID\n    $newestFirst: Boolean!\n    $orderBy: ReferralWatchOrderInput\n  ) {\n    referralWatch(\n      kind: $kind\n      first: $first\n      after: $after\n      agencyId: $agencyId\n      newestFirst: $newestFirst\n      orderBy: $orderBy\n    ) {\n      totalCount\n      byAgency {\n        agencyId\n        agencyName\n        referrals\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...WatchFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReferralWatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAreas {\n    coordinationAreas {\n      id\n      name\n      kind\n    }\n    regionalAreas {\n      id\n      name\n      coordinationAreaId\n      fte\n      caseloadKey\n      contactPhone\n      contactEmail\n    }\n  }\n"): typeof import('./graphql').AdminAreasDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminStaffFields on StaffUser {\n    id\n    displayName\n    email\n    role\n    regionId\n    coordinationAreaId\n    fte\n    active\n  }\n"): typeof import('./graphql').AdminStaffFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStaff($first: Int!, $after: ID) {\n    staffUserPage(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...AdminStaffFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').AdminStaffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStaffAll {\n    staffUsers {\n      ...AdminStaffFields\n    }\n  }\n"): typeof import('./graphql').AdminStaffAllDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAgencies {\n    administeredAgencies {\n      id\n      name\n      kind\n      legalDomain\n      channel\n      webhookUrl\n      statusUrl\n      contactPhone\n      contactEmail\n      contactAddress\n      contactHours\n      services {\n        id\n        code\n        name\n        lifeDomain\n        responseDays\n        integrationCourse\n        fundingLine\n      }\n    }\n  }\n"): typeof import('./graphql').AdminAgenciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCredentials {\n    credentials {\n      id\n      staffUserId\n      agencyId\n      prefix\n      label\n      createdAt\n      lastUsedAt\n      expiresAt\n      revokedAt\n      state\n    }\n  }\n"): typeof import('./graphql').AdminCredentialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCoordinationArea($input: CoordinationAreaInput!) {\n    createCoordinationArea(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateCoordinationAreaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameCoordinationArea($id: ID!, $name: String!) {\n    renameCoordinationArea(id: $id, name: $name) {\n      id\n    }\n  }\n"): typeof import('./graphql').RenameCoordinationAreaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRegionalArea($input: RegionalAreaInput!) {\n    createRegionalArea(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateRegionalAreaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRegionalArea($id: ID!, $input: RegionalAreaUpdate!) {\n    updateRegionalArea(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateRegionalAreaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaffUser($input: StaffUserInput!) {\n    createStaffUser(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateStaffUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateStaffUser($id: ID!, $input: StaffUserUpdate!) {\n    updateStaffUser(id: $id, input: $input) {\n      id\n      active\n    }\n  }\n"): typeof import('./graphql').UpdateStaffUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAgency($input: AgencyInput!) {\n    createAgency(input: $input) {\n      agencyId\n      webhookSecret\n      statusUrl\n    }\n  }\n"): typeof import('./graphql').CreateAgencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAgency($id: ID!, $input: AgencyUpdate!) {\n    updateAgency(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateAgencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateService($input: ServiceInput!) {\n    createService(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateServiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateService($id: ID!, $input: ServiceUpdate!) {\n    updateService(id: $id, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').UpdateServiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment IssuedCredential on IssuedCredential {\n    secret\n    credential {\n      id\n      prefix\n    }\n  }\n"): typeof import('./graphql').IssuedCredentialFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueCredential($owner: CredentialOwnerInput!, $label: String, $validDays: Int) {\n    issueCredential(owner: $owner, label: $label, validDays: $validDays) {\n      ...IssuedCredential\n    }\n  }\n"): typeof import('./graphql').IssueCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCredential($id: ID!) {\n    revokeCredential(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').RevokeCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExpireCredential($id: ID!) {\n    expireCredential(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').ExpireCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateCredential($id: ID!, $overlapSeconds: Int!) {\n    rotateCredential(id: $id, overlapSeconds: $overlapSeconds) {\n      ...IssuedCredential\n    }\n  }\n"): typeof import('./graphql').RotateCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPath($id: ID!) {\n    personPath(caseId: $id) {\n      id: caseId\n      achievements {\n        id\n        kind\n        achievedOn\n        endedOn\n        cefrLevel\n        test\n        provider\n        points\n        hoursPerWeek\n        securesLivelihood\n        attendee\n        title\n        qualification\n        completed\n        recognition\n        source\n        evidence {\n          kind\n          reference\n          seenOn\n        }\n        correctionReason\n        supersededAt\n      }\n      residenceRoutes {\n        key\n        law\n        validFrom\n        title {\n          de\n          en\n        }\n        disclaimer {\n          de\n          en\n        }\n        facts {\n          key\n          source\n          status\n          label {\n            de\n            en\n          }\n          note {\n            de\n            en\n          }\n        }\n      }\n      dossiers {\n        id\n        agencyId\n        achievementIds\n        createdAt\n        deliveryState\n      }\n    }\n    case(id: $id) {\n      consents {\n        kind\n        recipientAgencyId\n        categories\n        purposes\n        validFrom\n        validUntil\n        revokedAt\n      }\n    }\n  }\n"): typeof import('./graphql').PersonPathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAchievement($caseId: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {\n    recordAchievement(caseId: $caseId, achievement: $a, evidence: $e) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecordAchievementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectAchievement($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!, $reason: String!) {\n    correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').CorrectAchievementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendDossier($input: SendDossierInput!) {\n    sendDossier(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').SendDossierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n            query DossierAgencies {\n              agencies {\n                id\n                name\n                kind\n              }\n            }\n          "): typeof import('./graphql').DossierAgenciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseTransfer($id: ID!) {\n    transferOptions(caseId: $id) {\n      tenantId\n      kreis\n      covered\n      consentId\n      categories\n      refusal\n      closestConsentId\n    }\n    caseTransfers(caseId: $id) {\n      id\n      toKreis\n      categories\n      status\n      offeredAt\n      decidedAt\n      declineReason\n      closedAt\n    }\n  }\n"): typeof import('./graphql').CaseTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OfferTransfer($input: OfferTransferInput!) {\n    offerTransfer(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').OfferTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawTransfer($id: ID!) {\n    withdrawTransfer(transferId: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').WithdrawTransferDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordTransferConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecordTransferConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Barriers($flagOrder: FlaggedCaseOrderInput) {\n    barriers {\n      areaName\n      asOf\n      replicaLagSeconds\n      period {\n        from\n        to\n      }\n      flagCounts {\n        kind\n        cases\n      }\n      flaggedCases(orderBy: $flagOrder) {\n        caseId\n        caseReference\n        kind\n        regionName\n      }\n      needs {\n        domain\n        openNeeds\n        referred\n        notReferred\n        servicesInNetwork\n      }\n      rejectionReasons {\n        agencyName\n        serviceName\n        status\n        reason\n        referrals\n      }\n    }\n  }\n"): typeof import('./graphql').BarriersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OverrideFields on AccessOverride {\n    id\n    caseId\n    caseReference\n    staffName\n    reason\n    openedAt\n    expiresAt\n    reads\n    reviewedAt\n    reviewNote\n    verdict\n  }\n"): typeof import('./graphql').OverrideFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessOverridePage($first: Int!, $after: String, $orderBy: AccessOverrideOrderInput) {\n    accessOverridePage(first: $first, after: $after, orderBy: $orderBy) {\n      totalCount\n      unreviewedCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...OverrideFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccessOverridePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessOverride($ids: [ID!]) {\n    accessOverrides(first: 1, ids: $ids) {\n      ...OverrideFields\n    }\n  }\n"): typeof import('./graphql').AccessOverrideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewAccessOverride($input: ReviewAccessOverrideInput!) {\n    reviewAccessOverride(input: $input) {\n      id\n      reviewedAt\n      verdict\n      reviewNote\n    }\n  }\n"): typeof import('./graphql').ReviewAccessOverrideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Caseload($orderBy: CaseloadOrderInput) {\n    statusBoard {\n      areaName\n      asOf\n      replicaLagSeconds\n      openCases\n      regions {\n        regionId\n        name\n        capacity\n      }\n      caseManagers(orderBy: $orderBy) {\n        staffId\n        name\n        regionName\n        fte\n        capacity\n        openCases\n        utilisation\n      }\n    }\n  }\n"): typeof import('./graphql').CaseloadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeadMessages($first: Int!, $after: String, $orderBy: OutboundMessageOrderInput) {\n    outboundMessages(state: DEAD, first: $first, after: $after, orderBy: $orderBy) {\n      id\n      cursor\n      eventType\n      attempts\n      lastError\n      createdAt\n      replays\n      agency {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DeadMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayMessage($id: ID!) {\n    replayMessage(id: $id) {\n      id\n      deliveryState\n    }\n  }\n"): typeof import('./graphql').ReplayMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiscardMessage($id: ID!, $reason: String!) {\n    discardMessage(id: $id, reason: $reason) {\n      id\n      deliveryState\n      discardReason\n    }\n  }\n"): typeof import('./graphql').DiscardMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewsWaiting {\n    accessOverridePage(first: 1) {\n      unreviewedCount\n    }\n    barriers {\n      flaggedCases {\n        caseId\n      }\n    }\n  }\n"): typeof import('./graphql').ReviewsWaitingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      displayName\n      role\n    }\n  }\n"): typeof import('./graphql').MeDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
