using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Escalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Escalation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    AutomaticForResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReasonDetail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedToStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedToTeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RaisedByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OutcomeNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OutcomeByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutcomeByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedByStaffId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Escalation");
        }
    }
}
