using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DisputeQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_Status_ArbiterId",
                table: "RefundRequests");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_Status_ArbiterId_EscalatedAt_Id",
                table: "RefundRequests",
                columns: new[] { "Status", "ArbiterId", "EscalatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_Status_ArbiterId_EscalatedAt_Id",
                table: "RefundRequests");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_Status_ArbiterId",
                table: "RefundRequests",
                columns: new[] { "Status", "ArbiterId" });
        }
    }
}
