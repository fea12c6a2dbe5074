using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace RefundPortal.Data;

/// <summary>
/// Time arithmetic inside a query, on both engines. EF's SQLite provider stores a DateTime as text and translates no
/// subtraction of two of them, so an average duration is the average of differences of <see cref="Days"/>, which
/// each engine computes from the stored value itself: SQLite's <c>julianday</c>, PostgreSQL's epoch seconds.
/// </summary>
public static class SqlTime
{
    /// <summary>The moment as a number of days (with the fraction of the day) from a fixed origin; only differences mean anything.</summary>
    public static double Days(DateTime at) => throw new InvalidOperationException("SqlTime.Days runs inside a database query only.");

    internal static void Map(ModelBuilder builder, bool postgreSql)
    {
        builder.HasDbFunction(typeof(SqlTime).GetMethod(nameof(Days))!).HasTranslation(args =>
        {
            if (!postgreSql)
                return new SqlFunctionExpression("julianday", args, nullable: true, argumentsPropagateNullability: [true], typeof(double), null);
            var real = new DoubleTypeMapping("double precision");
            var seconds = new SqlFunctionExpression("date_part", [new SqlFragmentExpression("'epoch'"), args[0]], nullable: true,
                argumentsPropagateNullability: [false, true], typeof(double), real);
            return new SqlBinaryExpression(ExpressionType.Divide, seconds, new SqlConstantExpression(86400.0, typeof(double), real), typeof(double), real);
        });
    }
}
