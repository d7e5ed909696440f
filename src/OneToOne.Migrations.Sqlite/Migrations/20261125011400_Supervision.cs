using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_SignOffRequest_OrganisationId_RequestedByStaffId_RequestedAt",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "RequestedByStaffId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignOffRequest_OrganisationId_Status_TeamId",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "Status", "TeamId" });

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
                name: "SupervisionActions");

            migrationBuilder.DropTable(
                name: "SupervisionLinks");

            migrationBuilder.DropTable(
                name: "SupervisionSessionPeople");

            migrationBuilder.DropTable(
                name: "CaseAuditSamples");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropIndex(
                name: "IX_SignOffRequest_OrganisationId_RequestedByStaffId_RequestedAt",
                table: "SignOffRequest");

            migrationBuilder.DropIndex(
                name: "IX_SignOffRequest_OrganisationId_Status_TeamId",
                table: "SignOffRequest");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "SignOffRequest");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SignOffRequest");
        }
    }
}
