using System.Net;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Operations;

/// <summary>The real app started as a server would run it: Production, no demo setting.</summary>
public sealed class ProductionApp : ServedApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Demo:Seed"] = "",
    };
}

public sealed class ProductionDefaultsTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    [Fact]
    public async Task TheDemoAccountsDoNotExist()
    {
        using var http = new HttpClient { BaseAddress = production.App.BaseUrl };

        var ready = await http.GetAsync("/health/ready");
        var login = await http.GetStringAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain("Demo#2026", login);
        Assert.DoesNotContain("Demo#2026", production.App.Output);
    }
}
