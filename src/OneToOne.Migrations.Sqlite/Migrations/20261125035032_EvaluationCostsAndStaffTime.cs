using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationCostsAndStaffTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffTimeRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DaysWorked = table.Column<double>(type: "REAL", precision: 5, scale: 1, nullable: false),
                    DaysLost = table.Column<double>(type: "REAL", precision: 5, scale: 1, nullable: false),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffTimeRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffTimeRecords_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitCosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffRole = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Band = table.Column<int>(type: "INTEGER", nullable: true),
                    CostPerHour = table.Column<double>(type: "REAL", precision: 10, scale: 2, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LoadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LoadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffTimeRecords_OrganisationId_StaffMemberId_Month",
                table: "StaffTimeRecords",
                columns: new[] { "OrganisationId", "StaffMemberId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffTimeRecords_StaffMemberId",
                table: "StaffTimeRecords",
                column: "StaffMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitCosts_StaffRole_EffectiveFrom",
                table: "UnitCosts",
                columns: new[] { "StaffRole", "EffectiveFrom" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffTimeRecords");

            migrationBuilder.DropTable(
                name: "UnitCosts");
        }
    }
}
