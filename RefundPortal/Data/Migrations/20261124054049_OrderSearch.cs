using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RefundPortal.Data.Migrations
{
    /// <summary>
    /// The order search index on SQLite: an FTS5 table with the trigram tokenizer (any part of an order number or a
    /// product name, in any script, matches; case is ignored), one row per order (rowid = order id) holding its number
    /// and its lines' product names, kept in step with the orders and their lines by triggers. See Data/OrderSearch.cs.
    /// </summary>
    public partial class OrderSearch : Migration
    {
        private const string TextOf = "o.Number || ' ' || COALESCE((SELECT group_concat(l.ProductName, ' ') FROM OrderLines l WHERE l.OrderId = o.Id), '')";

        private static string Refresh(string orderId) => $"""
            DELETE FROM OrderSearch WHERE rowid = {orderId};
            INSERT INTO OrderSearch (rowid, Text) SELECT o.Id, {TextOf} FROM Orders o WHERE o.Id = {orderId};
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE OrderSearch USING fts5(Text, tokenize = 'trigram');");
            migrationBuilder.Sql($"INSERT INTO OrderSearch (rowid, Text) SELECT o.Id, {TextOf} FROM Orders o;");
            migrationBuilder.Sql("CREATE TRIGGER OrderSearch_OrderInserted AFTER INSERT ON Orders BEGIN INSERT INTO OrderSearch (rowid, Text) VALUES (new.Id, new.Number); END;");
            migrationBuilder.Sql($"CREATE TRIGGER OrderSearch_OrderNumberChanged AFTER UPDATE OF Number ON Orders BEGIN {Refresh("new.Id")} END;");
            migrationBuilder.Sql("CREATE TRIGGER OrderSearch_OrderDeleted AFTER DELETE ON Orders BEGIN DELETE FROM OrderSearch WHERE rowid = old.Id; END;");
            migrationBuilder.Sql($"CREATE TRIGGER OrderSearch_LineInserted AFTER INSERT ON OrderLines BEGIN {Refresh("new.OrderId")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER OrderSearch_LineRenamed AFTER UPDATE OF ProductName ON OrderLines BEGIN {Refresh("new.OrderId")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER OrderSearch_LineDeleted AFTER DELETE ON OrderLines BEGIN {Refresh("old.OrderId")} END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "OrderInserted", "OrderNumberChanged", "OrderDeleted", "LineInserted", "LineRenamed", "LineDeleted" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS OrderSearch_{trigger};");
            migrationBuilder.Sql("DROP TABLE IF EXISTS OrderSearch;");
        }
    }
}
