using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RefundPortal.Features.Integration.ApiClients;

namespace RefundPortal.Features.Integration.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> for the integration API only (the pages keep their cookie). A missing, wrong
/// or revoked key is a 401 with a problem body; nothing tells a caller which of the three it was.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiClientService clients) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Policy = "IntegrationApi";
    public const string ClientIdClaim = "api_client_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var client = await clients.FindActiveAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (client is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity(
            [new Claim(ClientIdClaim, client.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, client.Name)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized",
            detail: "Send a valid API key as 'Authorization: Bearer <key>'. Keys are created by an admin of the portal.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden").ExecuteAsync(Context);
}
