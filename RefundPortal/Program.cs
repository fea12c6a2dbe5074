using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RefundPortal;
using RefundPortal.Components;
using RefundPortal.Data;
using RefundPortal.Features.Integration.Api;
using RefundPortal.Features.Languages;
using RefundPortal.Features.Refunds.Evidence;
using RefundPortal.Features.Statistics;

if (MaintenanceCommands.IsCommand(args)) return await MaintenanceCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRootAppSettings();
builder.Services.AddRefundPortal(builder.Configuration, builder.Environment);
builder.Services.AddDatabaseDeveloperPageExceptionFilter();
var behindProxy = builder.Services.AddTrustedProxies(builder.Configuration);

var app = builder.Build();

// First, so everything after sees the client's address and scheme as the trusted proxy reported them.
if (behindProxy) app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseRequestLocalization();

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
    app.UseHttpsRedirection();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseIntegrationApiProblems();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapLanguage();
app.MapEvidence();
app.MapRefundCsv();
app.MapIntegrationApi();
app.MapOpenApi();
// Live: the process answers. Ready: it can serve (database reachable, migrations applied).
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(DatabaseHealthCheck.Ready) });

// Listen as soon as the schema is there; the readiness check says 503 until the rest of start-up is done.
try
{
    await app.Services.MigrateDatabaseAsync();
}
catch (DatabaseStartupException e)
{
    // Something for the operator to fix, in one line: a stack trace would bury it.
    Console.Error.WriteLine(e.Message);
    return 1;
}
await app.StartAsync();
await app.Services.SeedDatabaseAsync(app.Lifetime.ApplicationStopping);
await app.WaitForShutdownAsync();
return 0;

public partial class Program;
