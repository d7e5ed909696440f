using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Discharges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReasonDetail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FinalAssessment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FinalAssessmentResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Questionnaires = table.Column<List<string>>(type: "text[]", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignOffRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DischargedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GpConsent = table.Column<bool>(type: "boolean", nullable: false),
                    GpLetterSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenAccessUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    CancelledTasks = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "OpenAccessPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FormerKeyWorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GpLetterDue = table.Column<bool>(type: "boolean", nullable: false),
                    GpLetterSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Salt = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: true),
                    CodeHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonSignInChallenges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    About = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RedFlag = table.Column<bool>(type: "boolean", nullable: false),
                    ContactMethod = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContactDetail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    BestTime = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecordedByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedToStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedToTeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReferredTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NewReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Discharges");

            migrationBuilder.DropTable(
                name: "HelpRequests");

            migrationBuilder.DropTable(
                name: "PersonSignInChallenges");

            migrationBuilder.DropTable(
                name: "OpenAccessPeriods");
        }
    }
}
