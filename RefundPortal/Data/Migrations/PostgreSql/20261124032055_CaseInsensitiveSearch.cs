using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CaseInsensitiveSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search ignores case (the queries compare lower(column) LIKE '%term%'); trigram indexes on those
            // expressions let PostgreSQL find a term anywhere in a column without reading every row.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_Orders_Number_trgm\" ON \"Orders\" USING gin (lower(\"Number\") gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_OrderLines_ProductName_trgm\" ON \"OrderLines\" USING gin (lower(\"ProductName\") gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_AspNetUsers_Email_trgm\" ON \"AspNetUsers\" USING gin (lower(\"Email\") gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX \"IX_AspNetUsers_DisplayName_trgm\" ON \"AspNetUsers\" USING gin (lower(\"DisplayName\") gin_trgm_ops);");


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in new[] { "IX_Orders_Number_trgm", "IX_OrderLines_ProductName_trgm", "IX_AspNetUsers_Email_trgm", "IX_AspNetUsers_DisplayName_trgm" })
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"{index}\";");


        }
    }
}
