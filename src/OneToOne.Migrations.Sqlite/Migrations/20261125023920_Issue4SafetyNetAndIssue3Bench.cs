using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue4SafetyNetAndIssue3Bench : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_SentAt_CreatedAt",
                table: "OutboxMessage");

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "SignOffRequest",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "SignOffRequest",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimId",
                table: "OutboxMessage",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClaimedAt",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeliveredAt",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InDoubt",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastAttemptAt",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextAttemptAt",
                table: "OutboxMessage",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotificationKey",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderReference",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StaffMemberId",
                table: "OutboxMessage",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<string>(
                name: "Template",
                table: "OutboxMessage",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAuditSamples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SizePerGroup = table.Column<int>(type: "INTEGER", nullable: false),
                    Candidates = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAuditSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAuditSamples_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Discharges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReasonDetail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FinalAssessment = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FinalAssessmentResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Questionnaires = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SignOffRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DischargedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GpConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    GpLetterSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenAccessUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CancelledTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discharges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Discharges_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discharges_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Escalation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AutomaticForResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReasonDetail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedToStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RaisedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OutcomeByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OutcomeByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OutcomeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Escalation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Escalation_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Escalation_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Escalation_Staff_AssignedToStaffId",
                        column: x => x.AssignedToStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Escalation_Teams_AssignedToTeamId",
                        column: x => x.AssignedToTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    LastStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    LastSummary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastHolder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Runs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "OpenAccessPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FormerKeyWorkerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GpLetterDue = table.Column<bool>(type: "INTEGER", nullable: false),
                    GpLetterSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenAccessPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenAccessPeriods_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OpenAccessPeriods_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonSignInChallenges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Salt = table.Column<byte[]>(type: "BLOB", maxLength: 16, nullable: true),
                    CodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonSignInChallenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupervisorStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SuperviseeStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionLinks_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionLinks_Staff_SuperviseeStaffId",
                        column: x => x.SuperviseeStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionLinks_Staff_SupervisorStaffId",
                        column: x => x.SupervisorStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SupervisorStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SuperviseeStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_Staff_SuperviseeStaffId",
                        column: x => x.SuperviseeStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_Staff_SupervisorStaffId",
                        column: x => x.SupervisorStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseAuditItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SampleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyWorkerStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DischargedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FollowUpNeeded = table.Column<bool>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAuditItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAuditItems_CaseAuditSamples_SampleId",
                        column: x => x.SampleId,
                        principalTable: "CaseAuditSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAuditItems_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    About = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RedFlag = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContactMethod = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ContactDetail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    BestTime = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecordedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignedToStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReferredTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnsweredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NewReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpRequests_OpenAccessPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "OpenAccessPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HelpRequests_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OwnerStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionActions_Staff_OwnerStaffId",
                        column: x => x.OwnerStaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionActions_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessionPeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessionPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessionPeople_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupervisionSessionPeople_SupervisionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "SupervisionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_EscalatedToStaffId_Status_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "EscalatedToStaffId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Status_BreachedAt_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Status", "BreachedAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignOffRequest_OrganisationId_RequestedByStaffId_RequestedAt",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "RequestedByStaffId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignOffRequest_OrganisationId_Status_TeamId",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "Status", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_OrganisationId_DateOfBirth",
                table: "People",
                columns: new[] { "OrganisationId", "DateOfBirth" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_OrganisationId_ClaimId",
                table: "OutboxMessage",
                columns: new[] { "OrganisationId", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_OrganisationId_CreatedAt",
                table: "OutboxMessage",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_OrganisationId_NotificationKey",
                table: "OutboxMessage",
                columns: new[] { "OrganisationId", "NotificationKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_OrganisationId_Status_NextAttemptAt",
                table: "OutboxMessage",
                columns: new[] { "OrganisationId", "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryServices_Id_Active_Name",
                table: "DirectoryServices",
                columns: new[] { "Id", "Active", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditItems_OrganisationId_ReviewerStaffId_ReviewedAt",
                table: "CaseAuditItems",
                columns: new[] { "OrganisationId", "ReviewerStaffId", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditItems_OrganisationId_SampleId_ReferralId",
                table: "CaseAuditItems",
                columns: new[] { "OrganisationId", "SampleId", "ReferralId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditItems_OrganisationId_TeamId_ReviewedAt",
                table: "CaseAuditItems",
                columns: new[] { "OrganisationId", "TeamId", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditItems_ReferralId",
                table: "CaseAuditItems",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditItems_SampleId",
                table: "CaseAuditItems",
                column: "SampleId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAuditSamples_OrganisationId_Month",
                table: "CaseAuditSamples",
                columns: new[] { "OrganisationId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Discharges_OrganisationId_ReferralId_RequestedAt",
                table: "Discharges",
                columns: new[] { "OrganisationId", "ReferralId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Discharges_OrganisationId_Status",
                table: "Discharges",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Discharges_PersonId",
                table: "Discharges",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Discharges_ReferralId",
                table: "Discharges",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_AssignedToStaffId",
                table: "Escalation",
                column: "AssignedToStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_AssignedToTeamId",
                table: "Escalation",
                column: "AssignedToTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_OrganisationId_AutomaticForResponseId",
                table: "Escalation",
                columns: new[] { "OrganisationId", "AutomaticForResponseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_OrganisationId_PersonId_Status",
                table: "Escalation",
                columns: new[] { "OrganisationId", "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_OrganisationId_RaisedByStaffId_Status",
                table: "Escalation",
                columns: new[] { "OrganisationId", "RaisedByStaffId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_OrganisationId_Status_AssignedToStaffId_DueAt",
                table: "Escalation",
                columns: new[] { "OrganisationId", "Status", "AssignedToStaffId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_OrganisationId_Status_AssignedToTeamId_DueAt",
                table: "Escalation",
                columns: new[] { "OrganisationId", "Status", "AssignedToTeamId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Escalation_PersonId",
                table: "Escalation",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OrganisationId_PeriodId_Status",
                table: "HelpRequests",
                columns: new[] { "OrganisationId", "PeriodId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OrganisationId_PersonId_CreatedAt",
                table: "HelpRequests",
                columns: new[] { "OrganisationId", "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OrganisationId_Status_DueAt",
                table: "HelpRequests",
                columns: new[] { "OrganisationId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_PeriodId",
                table: "HelpRequests",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_PersonId",
                table: "HelpRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenAccessPeriods_OrganisationId_PersonId_StartsOn",
                table: "OpenAccessPeriods",
                columns: new[] { "OrganisationId", "PersonId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenAccessPeriods_OrganisationId_ReferralId",
                table: "OpenAccessPeriods",
                columns: new[] { "OrganisationId", "ReferralId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OpenAccessPeriods_OrganisationId_Status_EndsOn",
                table: "OpenAccessPeriods",
                columns: new[] { "OrganisationId", "Status", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OpenAccessPeriods_PersonId",
                table: "OpenAccessPeriods",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OpenAccessPeriods_ReferralId",
                table: "OpenAccessPeriods",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonSignInChallenges_CreatedAt",
                table: "PersonSignInChallenges",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PersonSignInChallenges_PersonId_CreatedAt",
                table: "PersonSignInChallenges",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_OrganisationId_OwnerStaffId_Status",
                table: "SupervisionActions",
                columns: new[] { "OrganisationId", "OwnerStaffId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_OrganisationId_SessionId",
                table: "SupervisionActions",
                columns: new[] { "OrganisationId", "SessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_OwnerStaffId",
                table: "SupervisionActions",
                column: "OwnerStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_SessionId",
                table: "SupervisionActions",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionLinks_OneOpenLinkPerSupervisee",
                table: "SupervisionLinks",
                columns: new[] { "OrganisationId", "SuperviseeStaffId" },
                unique: true,
                filter: "\"EffectiveTo\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionLinks_OrganisationId_SuperviseeStaffId_EffectiveFrom",
                table: "SupervisionLinks",
                columns: new[] { "OrganisationId", "SuperviseeStaffId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionLinks_OrganisationId_SupervisorStaffId_EffectiveFrom",
                table: "SupervisionLinks",
                columns: new[] { "OrganisationId", "SupervisorStaffId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionLinks_SuperviseeStaffId",
                table: "SupervisionLinks",
                column: "SuperviseeStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionLinks_SupervisorStaffId",
                table: "SupervisionLinks",
                column: "SupervisorStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessionPeople_OrganisationId_PersonId",
                table: "SupervisionSessionPeople",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessionPeople_OrganisationId_SessionId_PersonId",
                table: "SupervisionSessionPeople",
                columns: new[] { "OrganisationId", "SessionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessionPeople_PersonId",
                table: "SupervisionSessionPeople",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessionPeople_SessionId",
                table: "SupervisionSessionPeople",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_OrganisationId_SuperviseeStaffId_HeldOn",
                table: "SupervisionSessions",
                columns: new[] { "OrganisationId", "SuperviseeStaffId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_OrganisationId_SupervisorStaffId_HeldOn",
                table: "SupervisionSessions",
                columns: new[] { "OrganisationId", "SupervisorStaffId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_SuperviseeStaffId",
                table: "SupervisionSessions",
                column: "SuperviseeStaffId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_SupervisorStaffId",
                table: "SupervisionSessions",
                column: "SupervisorStaffId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAuditItems");

            migrationBuilder.DropTable(
                name: "Discharges");

            migrationBuilder.DropTable(
                name: "Escalation");

            migrationBuilder.DropTable(
                name: "HelpRequests");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "PersonSignInChallenges");

            migrationBuilder.DropTable(
                name: "SupervisionActions");

            migrationBuilder.DropTable(
                name: "SupervisionLinks");

            migrationBuilder.DropTable(
                name: "SupervisionSessionPeople");

            migrationBuilder.DropTable(
                name: "CaseAuditSamples");

            migrationBuilder.DropTable(
                name: "OpenAccessPeriods");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropIndex(
                name: "IX_WorkTask_OrganisationId_EscalatedToStaffId_Status_DueAt",
                table: "WorkTask");

            migrationBuilder.DropIndex(
                name: "IX_WorkTask_OrganisationId_Status_BreachedAt_DueAt",
                table: "WorkTask");

            migrationBuilder.DropIndex(
                name: "IX_SignOffRequest_OrganisationId_RequestedByStaffId_RequestedAt",
                table: "SignOffRequest");

            migrationBuilder.DropIndex(
                name: "IX_SignOffRequest_OrganisationId_Status_TeamId",
                table: "SignOffRequest");

            migrationBuilder.DropIndex(
                name: "IX_People_OrganisationId_DateOfBirth",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_ClaimId",
                table: "OutboxMessage");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_CreatedAt",
                table: "OutboxMessage");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_NotificationKey",
                table: "OutboxMessage");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_Status_NextAttemptAt",
                table: "OutboxMessage");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryServices_Id_Active_Name",
                table: "DirectoryServices");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "SignOffRequest");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SignOffRequest");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "ClaimId",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "InDoubt",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "NotificationKey",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "ProviderReference",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "StaffMemberId",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "OutboxMessage");

            migrationBuilder.DropColumn(
                name: "Template",
                table: "OutboxMessage");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessage_OrganisationId_SentAt_CreatedAt",
                table: "OutboxMessage",
                columns: new[] { "OrganisationId", "SentAt", "CreatedAt" });
        }
    }
}
