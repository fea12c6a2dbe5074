using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RefundListQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_BuyerId_Status",
                table: "RefundRequests");

            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_SellerId_Status",
                table: "RefundRequests");

            migrationBuilder.AddColumn<int>(
                name: "BuyerQueue",
                table: "RefundRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SellerQueue",
                table: "RefundRequests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // RefundRequest.QueueFor for the requests saved before the columns existed.
            migrationBuilder.Sql("UPDATE \"RefundRequests\" SET \"BuyerQueue\" = CASE WHEN \"Status\" IN ('SellerRefused', 'AwaitingReturn') THEN 0 WHEN \"DeadlineAt\" IS NOT NULL THEN 1 ELSE 2 END, \"SellerQueue\" = CASE WHEN \"Status\" IN ('AwaitingSeller', 'ReturnInTransit') THEN 0 WHEN \"DeadlineAt\" IS NOT NULL THEN 1 ELSE 2 END;");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_BuyerId_BuyerQueue_DeadlineAt_UpdatedAt_Id",
                table: "RefundRequests",
                columns: new[] { "BuyerId", "BuyerQueue", "DeadlineAt", "UpdatedAt", "Id" },
                descending: new[] { false, false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_BuyerId_Status_BuyerQueue_DeadlineAt_Updated~",
                table: "RefundRequests",
                columns: new[] { "BuyerId", "Status", "BuyerQueue", "DeadlineAt", "UpdatedAt", "Id" },
                descending: new[] { false, false, false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_SellerId_SellerQueue_DeadlineAt_UpdatedAt_Id",
                table: "RefundRequests",
                columns: new[] { "SellerId", "SellerQueue", "DeadlineAt", "UpdatedAt", "Id" },
                descending: new[] { false, false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_SellerId_Status_SellerQueue_DeadlineAt_Updat~",
                table: "RefundRequests",
                columns: new[] { "SellerId", "Status", "SellerQueue", "DeadlineAt", "UpdatedAt", "Id" },
                descending: new[] { false, false, false, false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_BuyerId_BuyerQueue_DeadlineAt_UpdatedAt_Id",
                table: "RefundRequests");

            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_BuyerId_Status_BuyerQueue_DeadlineAt_Updated~",
                table: "RefundRequests");

            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_SellerId_SellerQueue_DeadlineAt_UpdatedAt_Id",
                table: "RefundRequests");

            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_SellerId_Status_SellerQueue_DeadlineAt_Updat~",
                table: "RefundRequests");

            migrationBuilder.DropColumn(
                name: "BuyerQueue",
                table: "RefundRequests");

            migrationBuilder.DropColumn(
                name: "SellerQueue",
                table: "RefundRequests");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_BuyerId_Status",
                table: "RefundRequests",
                columns: new[] { "BuyerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_SellerId_Status",
                table: "RefundRequests",
                columns: new[] { "SellerId", "Status" });
        }
    }
}
