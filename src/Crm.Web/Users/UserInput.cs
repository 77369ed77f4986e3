using System.Net.Mail;
using Microsoft.AspNetCore.Identity;

namespace Crm.Web.Users;

/// <summary>The checks of a new user's e-mail and name, and Identity's refusals in our error codes.</summary>
public static class UserInput
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    /// <summary>A plain address (<c>name@domain</c>, no display name or spaces), trimmed.</summary>
    public static string Email(string? email, string field = "email")
    {
        var clean = email?.Trim() ?? "";
        if (clean.Length == 0)
            throw CrmException.Invalid("email_required", "Enter the user's e-mail address; it is their sign-in name.", field);
        if (clean.Length > MaxEmailLength || clean.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !MailAddress.TryCreate(clean, out var address) || address.Address != clean || address.Host.Length == 0)
            throw CrmException.Invalid("invalid_email", $"'{clean}' is not an e-mail address.", field);
        return clean;
    }

    /// <summary>The name the CRM shows: one line, not empty, not too long.</summary>
    public static string DisplayName(string? name, string field = "displayName")
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0)
            throw CrmException.Invalid("display_name_required", "Enter the name the CRM shows for the user.", field);
        if (clean.Length > MaxNameLength)
            throw CrmException.Invalid("display_name_too_long", $"A user's name has at most {MaxNameLength} characters.", field);
        if (clean.Any(char.IsControl))
            throw CrmException.Invalid("display_name_invalid", "A user's name is one line of text, without line breaks or control characters.", field);
        return clean;
    }

    /// <summary>Why Identity refused to create the user, as one of our errors (nothing was stored).</summary>
    public static CrmException Refusal(string email, IdentityResult result)
    {
        var errors = result.Errors.ToList();
        if (errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            return CrmException.Invalid("duplicate_email", $"A user with the e-mail {email} already exists.", "email");
        if (errors.Any(e => e.Code is "InvalidEmail" or "InvalidUserName"))
            return CrmException.Invalid("invalid_email", $"'{email}' cannot be used as a sign-in name: {Describe(errors)}", "email");
        if (errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
            return CrmException.Invalid("weak_password", $"The password is too weak: {Describe(errors)}", "password");
        return CrmException.Invalid("user_not_created", $"The user was not created: {Describe(errors)}");
    }

    private static string Describe(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(e => e.Description));
}
