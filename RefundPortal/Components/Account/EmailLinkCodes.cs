using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace RefundPortal.Components.Account;

/// <summary>The token in a mailed link, Base64Url-encoded so it survives a URL.</summary>
internal static class EmailLinkCodes
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>False for a link cut short or mangled on the way (a mail client wrapping it), which then reads as an invalid link rather than an error.</summary>
    public static bool TryDecode(string? code, out string token)
    {
        token = "";
        if (string.IsNullOrEmpty(code)) return false;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
