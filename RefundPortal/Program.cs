using RefundPortal;
using RefundPortal.Components;
using RefundPortal.Data;
using RefundPortal.Features.Refunds.Evidence;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRootAppSettings();
builder.Services.AddRefundPortal(builder.Configuration, builder.Environment);
builder.Services.AddDatabaseDeveloperPageExceptionFilter();
var behindProxy = builder.Services.AddTrustedProxies(builder.Configuration);

var app = builder.Build();

// First, so everything after sees the client's address and scheme as the trusted proxy reported them.
if (behindProxy) app.UseForwardedHeaders();

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapEvidence();

await app.Services.InitializeDatabaseAsync();
await app.RunAsync();

public partial class Program;
