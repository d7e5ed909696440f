using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Worklists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastFinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    LastSummary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastHolder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Runs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_EscalatedToStaffId_Status_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "EscalatedToStaffId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkTask_OrganisationId_Status_BreachedAt_DueAt",
                table: "WorkTask",
                columns: new[] { "OrganisationId", "Status", "BreachedAt", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropIndex(
                name: "IX_WorkTask_OrganisationId_EscalatedToStaffId_Status_DueAt",
                table: "WorkTask");

            migrationBuilder.DropIndex(
                name: "IX_WorkTask_OrganisationId_Status_BreachedAt_DueAt",
                table: "WorkTask");
        }
    }
}
