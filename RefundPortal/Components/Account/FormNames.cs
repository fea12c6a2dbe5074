using System.Linq.Expressions;

namespace RefundPortal.Components.Account;

/// <summary>The name a static form posts a field under, as Blazor's inputs derive it from their expression.</summary>
internal static class FormNames
{
    /// <summary>"Input.Email" for <c>() => Input.Email</c>: the member path from the component that owns the model.</summary>
    public static string Of(LambdaExpression expression)
    {
        var parts = new List<string>();
        for (var member = expression.Body as MemberExpression; member is not null; member = member.Expression as MemberExpression)
        {
            parts.Insert(0, member.Member.Name);
        }
        return string.Join('.', parts);
    }
}
