using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using RefundPortal.Components.Account.Shared;

namespace RefundPortal.Tests.Components;

/// <summary>
/// The static account forms' own inputs: Blazor's inputs (so the form posts under the model's names) in MudBlazor's
/// outlined look, with a label for the input and the refusal under it, tied to it.
/// </summary>
public sealed class AccountFieldsTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    private sealed class LoginModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";

        public bool RememberMe { get; set; } = true;
    }

    private LoginModel Input { get; } = new();

    public AccountFieldsTests()
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    private IRenderedComponent<EditForm> RenderForm(EditContext edit) =>
        context.Render<EditForm>(form => form
            .Add(f => f.EditContext, edit)
            .Add(f => f.ChildContent, (RenderFragment<EditContext>)(_ => builder =>
            {
                builder.OpenComponent<DataAnnotationsValidator>(0);
                builder.CloseComponent();
                builder.OpenComponent<AccountTextField>(1);
                builder.AddComponentParameter(2, nameof(AccountTextField.Value), Input.Email);
                builder.AddComponentParameter(3, nameof(AccountTextField.ValueExpression), (Expression<Func<string?>>)(() => Input.Email));
                builder.AddComponentParameter(4, nameof(AccountTextField.Label), "Email");
                builder.AddComponentParameter(5, nameof(AccountTextField.AutoComplete), "username");
                builder.AddComponentParameter(6, nameof(AccountTextField.Required), true);
                builder.CloseComponent();
                builder.OpenComponent<AccountTextField>(10);
                builder.AddComponentParameter(11, nameof(AccountTextField.Value), Input.Password);
                builder.AddComponentParameter(12, nameof(AccountTextField.ValueExpression), (Expression<Func<string?>>)(() => Input.Password));
                builder.AddComponentParameter(13, nameof(AccountTextField.Label), "Password");
                builder.AddComponentParameter(14, nameof(AccountTextField.Type), "password");
                builder.AddComponentParameter(15, nameof(AccountTextField.HelperText), "At least 8 characters.");
                builder.CloseComponent();
                builder.OpenComponent<AccountCheckbox>(20);
                builder.AddComponentParameter(21, nameof(AccountCheckbox.Value), Input.RememberMe);
                builder.AddComponentParameter(22, nameof(AccountCheckbox.ValueExpression), (Expression<Func<bool>>)(() => Input.RememberMe));
                builder.AddComponentParameter(23, nameof(AccountCheckbox.Label), "Remember me");
                builder.CloseComponent();
            })));

    [Fact]
    public void AFieldPostsUnderTheModelsNameWithALabelForIt()
    {
        var form = RenderForm(new EditContext(Input));

        var email = form.Find("input[name='Input.Email']");
        Assert.Equal("Input.Email", email.Id);
        Assert.Equal("text", email.GetAttribute("type"));
        Assert.Equal("username", email.GetAttribute("autocomplete"));
        Assert.Equal("true", email.GetAttribute("aria-required"));
        Assert.Contains("mud-input-root-outlined", email.ClassList);
        Assert.Equal("Email", form.Find("label[for='Input.Email']").TextContent);
        Assert.Null(email.GetAttribute("aria-describedby"));
        Assert.Contains("mud-input-required", email.Closest(".mud-input-control")!.ClassList);

        var password = form.Find("input[name='Input.Password']");
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.Equal("Input.Password-help", password.GetAttribute("aria-describedby"));
        Assert.Equal("At least 8 characters.", form.Find("#Input\\.Password-help").TextContent.Trim());
    }

    [Fact]
    public async Task ARefusalShowsUnderItsFieldAndDescribesIt()
    {
        var edit = new EditContext(Input);
        var form = RenderForm(edit);

        await form.InvokeAsync(() => Assert.False(edit.Validate()));

        var email = form.Find("input[name='Input.Email']");
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Equal("Input.Email-help", email.GetAttribute("aria-describedby"));
        var help = form.Find("#Input\\.Email-help");
        Assert.Equal("Enter your email.", help.QuerySelector(".validation-message")!.TextContent);
        Assert.Contains("mud-input-error", help.QuerySelector(".mud-input-helper-text")!.ClassList);
        Assert.Contains("mud-input-error", email.Closest(".mud-input-control")!.ClassList);
        // The password had no refusal: it keeps its hint and its normal look.
        Assert.Equal("At least 8 characters.", form.Find("#Input\\.Password-help").TextContent.Trim());
        Assert.DoesNotContain("mud-input-error", form.Find("input[name='Input.Password']").Closest(".mud-input-control")!.ClassList);
    }

    [Fact]
    public void ACheckboxPostsTrueUnderTheModelsNameAndShowsItsState()
    {
        var form = RenderForm(new EditContext(Input));

        var box = form.Find("input[type=checkbox]");
        Assert.Equal("Input.RememberMe", box.GetAttribute("name"));
        Assert.Equal("Input.RememberMe", box.Id);
        Assert.Equal(bool.TrueString, box.GetAttribute("value"), ignoreCase: true);
        Assert.True(box.HasAttribute("checked"));
        var label = form.Find("label[for='Input.RememberMe']");
        Assert.Contains("Remember me", label.TextContent);
        Assert.Contains("mud-checkbox", label.ClassList);
        // Both icons are there; app.css shows the one that matches :checked, so the box needs no circuit.
        Assert.Single(label.QuerySelectorAll(".account-checkbox-on"));
        Assert.Single(label.QuerySelectorAll(".account-checkbox-off"));
    }
}
