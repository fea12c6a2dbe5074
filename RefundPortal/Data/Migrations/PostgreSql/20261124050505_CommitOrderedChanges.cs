using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CommitOrderedChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_UpdatedAt_Id",
                table: "RefundRequests");

            migrationBuilder.AddColumn<long>(
                name: "ChangeNumber",
                table: "RefundRequests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Changes made before numbering are numbered in the order they were made.
            migrationBuilder.Sql("UPDATE \"RefundRequests\" SET \"ChangeNumber\" = ordered.n FROM (SELECT \"Id\" AS id, ROW_NUMBER() OVER (ORDER BY \"UpdatedAt\", \"Id\") AS n FROM \"RefundRequests\") AS ordered WHERE \"RefundRequests\".\"Id\" = ordered.id;");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_ChangeNumber_Id",
                table: "RefundRequests",
                columns: new[] { "ChangeNumber", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_ChangeNumber_Id",
                table: "RefundRequests");

            migrationBuilder.DropColumn(
                name: "ChangeNumber",
                table: "RefundRequests");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_UpdatedAt_Id",
                table: "RefundRequests",
                columns: new[] { "UpdatedAt", "Id" });
        }
    }
}
