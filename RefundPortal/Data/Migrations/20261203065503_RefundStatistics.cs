using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefundStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_Kind_At",
                table: "TimelineEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_SellerId_CreatedAt",
                table: "RefundRequests",
                columns: new[] { "SellerId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_Kind_At",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_SellerId_CreatedAt",
                table: "RefundRequests");
        }
    }
}
