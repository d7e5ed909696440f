using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClinicalPlanActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Clinical",
                table: "CarePlanActions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Clinical",
                table: "CarePlanActions");
        }
    }
}
