using Microsoft.EntityFrameworkCore;

namespace RefundPortal.Data;

/// <summary>
/// The app's model on PostgreSQL (<c>Database:Provider = PostgreSql</c>). A type of its own only so that its migrations
/// (Data/Migrations/PostgreSql) are told apart from SQLite's; the services still see an <see cref="AppDbContext"/>.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : AppDbContext(options);
