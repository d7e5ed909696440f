using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SafetyNet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignOffRequest",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestedByStaffId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SupervisorStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedByStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignOffRequest", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkTask",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToStaffId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToTeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BreachedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedToStaffId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkTask", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignOffRequest_OrganisationId_Status_SupervisorStaffId",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "Status", "SupervisorStaffId" });

            migrationBuilder.CreateIndex(
                name: "IX_SignOffRequest_OrganisationId_SubjectId_Kind",
                table: "SignOffRequest",
                columns: new[] { "OrganisationId", "SubjectId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Kind_SourceId_Key",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Kind", "SourceId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_PersonId",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Status_AssignedToStaffId_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Status", "AssignedToStaffId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Status_AssignedToTeamId_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Status", "AssignedToTeamId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Status_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignOffRequest");

            migrationBuilder.DropTable(
                name: "WorkTask");
        }
    }
}
