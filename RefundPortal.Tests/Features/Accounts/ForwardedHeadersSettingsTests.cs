using System.Net;
using Microsoft.Extensions.Configuration;

namespace RefundPortal.Tests.Features.Accounts;

public sealed class ForwardedHeadersSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void WithNoProxyNamedNothingIsTrusted() => Assert.Null(ForwardedHeadersSettings.Read(Settings()));

    [Fact]
    public void OnlyTheNamedProxiesAndNetworksAreTrusted()
    {
        var options = ForwardedHeadersSettings.Read(Settings(
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"), ("ForwardedHeaders:KnownProxies:1", "fd00::5"),
            ("ForwardedHeaders:KnownNetworks:0", "192.168.10.0/24")))!;

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.10.0/24")], options.KnownIPNetworks);
        Assert.Equal(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
            options.ForwardedHeaders);
    }

    [Fact]
    public void AnEnvironmentVariableMayListThemCommaSeparated()
    {
        var options = ForwardedHeadersSettings.Read(Settings(("ForwardedHeaders:KnownProxies", "10.0.0.5, 10.0.0.6")))!;

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")], options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0")]
    public void AMalformedEntryStopsTheStart(string key, string value) =>
        Assert.Throws<InvalidOperationException>(() => ForwardedHeadersSettings.Read(Settings((key, value))));
}
