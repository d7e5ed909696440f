using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
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
