using Bunit;
using RefundPortal.Domain;
using RefundPortal.Features.Returns;
using RefundPortal.Tests.Support;

namespace RefundPortal.Tests.Components;

public sealed class ReturnAddressStepTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly ReturnAddressView Main = new(1, new AddressSnapshot("Returns Desk", "+86 1", "969 Wenyi West Road", "Hangzhou", "ZJ", "311121", "China"), true);
    private static readonly ReturnAddressView Warehouse = new(2, new AddressSnapshot("Warehouse B", "+86 2", "18 Xixi Road", "Hangzhou", "ZJ", "310012", "China"), false);

    [Fact]
    public async Task StartsOnTheDefaultAndSubmitsTheChosenEditedAddress()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        AddressSnapshot? submitted = null;
        var step = context.Render<ReturnAddressStep>(p => p
            .Add(x => x.Addresses, [Main, Warehouse])
            .Add(x => x.OnSubmit, a => submitted = a));

        Assert.Equal("969 Wenyi West Road", step.FindAll("input").Select(i => i.GetAttribute("value")).First(v => v?.Contains("Road") == true));

        step.FindAll("input[data-testid=saved-address]")[1].Click();
        step.WaitForAssertion(() => Assert.Contains(step.FindAll("input"), i => i.GetAttribute("value") == "18 Xixi Road"));
        var contact = step.FindAll("input").First(i => i.GetAttribute("value") == "Warehouse B");
        contact.Change("Warehouse B, Dock 4");
        step.FindAll("button").Single(b => b.TextContent.Trim() == "Submit and Notify Buyer").Click();

        Assert.Equal(Warehouse.Address with { ContactName = "Warehouse B, Dock 4" }, submitted);
    }

    [Fact]
    public async Task AnIncompleteAddressIsNotSubmittedAndSaysWhatIsMissing()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        var submissions = 0;
        var step = context.Render<ReturnAddressStep>(p => p
            .Add(x => x.Addresses, [Main])
            .Add(x => x.OnSubmit, _ => submissions++));

        step.FindAll("input").First(i => i.GetAttribute("value") == "+86 1").Change("");
        step.FindAll("button").Single(b => b.TextContent.Trim() == "Submit and Notify Buyer").Click();

        Assert.Equal(0, submissions);
        Assert.Contains("Enter a phone number.", step.Markup);
    }

    [Fact]
    public async Task WithNoSavedAddressesItAsksForOne()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        var step = context.Render<ReturnAddressStep>(p => p.Add(x => x.Addresses, []));
        Assert.Contains("You have no saved return addresses yet", step.Markup);
    }

    [Fact]
    public async Task AServerErrorNoAddressFieldShowsIsShownUnderTheForm()
    {
        await using var context = MudTestContext.Create(app, await app.UserAsync("seller@example.com"));
        var errors = new Dictionary<string, string> { [Fields.ReturnAddress] = "Choose the return address.", ["City"] = "Enter the city." };

        var step = context.Render<ReturnAddressStep>(p => p.Add(x => x.Addresses, [Main]).Add(x => x.Errors, errors));

        Assert.Equal("Choose the return address.", step.Find($"[data-testid=error-{Fields.ReturnAddress}]").TextContent.Trim());
        Assert.Empty(step.FindAll("[data-testid=error-City]"));
        Assert.Contains("Enter the city.", step.Markup);
    }
}
