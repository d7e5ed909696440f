using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneToOne.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessage_OrganisationId_SentAt_CreatedAt",
                table: "OutboxMessage");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
