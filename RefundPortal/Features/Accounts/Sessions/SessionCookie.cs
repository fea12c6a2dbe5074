using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace RefundPortal.Features.Accounts.Sessions;

/// <summary>
/// The sign-in cookie's events: issuing a cookie starts (or keeps) its <see cref="UserSession"/>, every request checks
/// it (instead of Identity's security stamp check every 30 minutes: one indexed lookup of the session and one of the
/// roles), and signing out ends it.
/// </summary>
public static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            if (context.Principal?.Identity is not ClaimsIdentity identity) return;
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            foreach (var old in identity.FindAll(UserSessions.ClaimType).ToList()) identity.RemoveClaim(old);
            var id = await sessions.StartAsync(context.Principal, context.HttpContext.User, context.Request.Headers.UserAgent, context.HttpContext.RequestAborted);
            identity.AddClaim(new Claim(UserSessions.ClaimType, id));
        };
        options.Events.OnValidatePrincipal = ValidateAsync;
        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSigningOut = async context =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndAsync(context.HttpContext.User, CancellationToken.None);
            await signingOut(context);
        };
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        var valid = context.Principal is null ? null : await sessions.ValidateAsync(context.Principal, context.HttpContext.RequestAborted);
        if (valid is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        else if (!ReferenceEquals(valid, context.Principal))
        {
            // The roles changed: this request and the renewed cookie carry the account's roles as they are now.
            context.ReplacePrincipal(valid);
            context.ShouldRenew = true;
        }
    }
}
