using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RefundPortal.Features.Integration.Api;

public static class OpenApiDocument
{
    /// <summary><c>/openapi/v1.json</c>: the integration API only (not the account pages' form posts), with its bearer key.</summary>
    public static OpenApiOptions AddIntegrationApiDocument(this OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "RefundPortal integration API",
                Version = "v1",
                Description = "Orders in, refunds and payouts out. Amounts are integers in minor units of an ISO 4217 currency (its own exponent: 1850 is USD 18.50 but JPY 1,850 and KWD 1.850); times are ISO 8601 UTC. "
                              + "Authenticate with 'Authorization: Bearer <API key>'. Webhooks carry the same refund objects; see docs/api.md.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key created by an admin of the portal.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
            return Task.CompletedTask;
        });
        return options;
    }
}
