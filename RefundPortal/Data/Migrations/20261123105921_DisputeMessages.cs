using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputeMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsMessageAttachment",
                table: "EvidenceFiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "MessageId",
                table: "EvidenceFiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RefundMessage",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RefundRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    AuthorRole = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefundMessage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefundMessage_RefundRequests_RefundRequestId",
                        column: x => x.RefundRequestId,
                        principalTable: "RefundRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_MessageId",
                table: "EvidenceFiles",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundMessage_RefundRequestId_At",
                table: "RefundMessage",
                columns: new[] { "RefundRequestId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_EvidenceFiles_RefundMessage_MessageId",
                table: "EvidenceFiles",
                column: "MessageId",
                principalTable: "RefundMessage",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EvidenceFiles_RefundMessage_MessageId",
                table: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "RefundMessage");

            migrationBuilder.DropIndex(
                name: "IX_EvidenceFiles_MessageId",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "IsMessageAttachment",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "MessageId",
                table: "EvidenceFiles");
        }
    }
}
