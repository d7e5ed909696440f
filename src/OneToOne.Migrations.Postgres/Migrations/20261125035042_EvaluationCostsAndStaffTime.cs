using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysWorked = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    DaysLost = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    LostReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffRole = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Band = table.Column<int>(type: "integer", nullable: true),
                    CostPerHour = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LoadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LoadedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
