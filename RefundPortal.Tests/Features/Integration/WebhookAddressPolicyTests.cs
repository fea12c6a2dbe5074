using System.Net;
using Microsoft.Extensions.Configuration;
using RefundPortal.Features.Integration.Webhooks;

namespace RefundPortal.Tests.Features.Integration;

public sealed class WebhookAddressPolicyTests
{
    private static readonly WebhookAddressPolicy Production = new(allowEverything: false, []);

    /// <summary>The address a webhook URL's host names, as System.Uri normalises it and the connection would use it.</summary>
    private static IPAddress AddressOf(string url) => IPAddress.Parse(new Uri(url).IdnHost);

    [Theory]
    // GitLab's known bypasses of such a check
    [InlineData("http://127.0.0.2/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[::]/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fe80::1%25eth0]/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[64:ff9b::7f00:1]/")]
    [InlineData("http://[2002:7f00:1::]/")]
    // System.Uri reads decimal, octal, hexadecimal and short forms as the dotted address
    [InlineData("http://2130706433/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0/")]
    // the rest of loopback, private, CGNAT and the special-purpose ranges
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[::127.0.0.1]/")]
    [InlineData("http://10.255.255.255/")]
    [InlineData("http://172.31.255.255/")]
    [InlineData("http://100.127.255.255/")]
    [InlineData("http://169.254.0.1/")]
    [InlineData("http://192.0.0.8/")]
    [InlineData("http://192.0.2.1/")]
    [InlineData("http://192.88.99.1/")]
    [InlineData("http://198.18.0.1/")]
    [InlineData("http://198.19.255.255/")]
    [InlineData("http://198.51.100.1/")]
    [InlineData("http://203.0.113.1/")]
    [InlineData("http://239.255.255.250/")]
    [InlineData("http://240.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://[fc00::1]/")]
    [InlineData("http://[ff02::1]/")]
    [InlineData("http://[ff0e::1]/")]
    [InlineData("http://[2001:db8::1]/")]
    [InlineData("http://[3fff::1]/")]
    [InlineData("http://[2001::1]/")]
    [InlineData("http://[2001:2::1]/")]
    [InlineData("http://[100::1]/")]
    [InlineData("http://[64:ff9b:1::1]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://[64:ff9b::a00:1]/")]
    [InlineData("http://[2002:a9fe:a9fe::1]/")]
    [InlineData("http://[2002:c0a8:101::]/")]
    public void RefusesEveryAddressThatIsNotGlobalUnicast(string url) => Assert.False(Production.Allows(AddressOf(url)), url);

    [Theory]
    [InlineData("https://8.8.8.8/")]
    [InlineData("https://1.1.1.1/")]
    [InlineData("https://11.0.0.1/")]
    [InlineData("https://100.63.255.255/")]
    [InlineData("https://100.128.0.1/")]
    [InlineData("https://172.15.255.255/")]
    [InlineData("https://172.32.0.1/")]
    [InlineData("https://192.167.255.255/")]
    [InlineData("https://192.169.0.1/")]
    [InlineData("https://223.255.255.255/")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    [InlineData("https://[2001:4860:4860::8888]/")]
    [InlineData("https://[2a00:1450:4001:80b::200e]/")]
    [InlineData("https://[::ffff:8.8.8.8]/")]
    [InlineData("https://[64:ff9b::808:808]/")]
    [InlineData("https://[2002:808:808::1]/")]
    public void AllowsGlobalUnicast(string url) => Assert.True(Production.Allows(AddressOf(url)), url);

    [Fact]
    public void AnAllowedNetworkLetsItsAddressesThroughAndNothingElse()
    {
        var policy = new WebhookAddressPolicy(allowEverything: false, [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("fd00::/8")]);

        Assert.All(new[] { "10.1.2.3", "::ffff:10.1.2.3", "64:ff9b::a01:203", "fd00::1", "8.8.8.8" },
            a => Assert.True(policy.Allows(IPAddress.Parse(a)), a));
        Assert.All(new[] { "127.0.0.1", "169.254.169.254", "192.168.1.1", "fc00::1", "64:ff9b::a9fe:a9fe" },
            a => Assert.False(policy.Allows(IPAddress.Parse(a)), a));
    }

    [Fact]
    public void InDevelopmentEverythingIsAllowed()
    {
        var development = new WebhookAddressPolicy(allowEverything: true, []);
        Assert.All(new[] { "127.0.0.1", "::1", "169.254.169.254", "10.1.2.3", "::ffff:127.0.0.1" }, a => Assert.True(development.Allows(IPAddress.Parse(a)), a));
    }

    [Fact]
    public void AllowedNetworksAreAJsonArrayOrOneCommaSeparatedValue()
    {
        static IConfigurationSection Section(params (string Key, string Value)[] values) => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build()
            .GetSection(WebhookAddressPolicy.AllowedNetworksSetting);

        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("fd00::/8")],
            Section(("Webhooks:AllowedNetworks:0", "10.0.0.0/8"), ("Webhooks:AllowedNetworks:1", "fd00::/8")).Networks());
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("192.168.0.0/16")],
            Section(("Webhooks:AllowedNetworks", "10.0.0.0/8, 192.168.0.0/16")).Networks());
        Assert.Empty(Section().Networks());
        var malformed = Assert.Throws<InvalidOperationException>(() => Section(("Webhooks:AllowedNetworks", "10.0.0.0")).Networks());
        Assert.Equal("Webhooks:AllowedNetworks: '10.0.0.0' is not a network in CIDR form, like 10.0.0.0/8.", malformed.Message);
    }
}
