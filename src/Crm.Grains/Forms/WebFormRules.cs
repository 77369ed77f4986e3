using System.Text.RegularExpressions;
using Crm.Grains.Interfaces.Forms;

namespace Crm.Grains.Forms;

/// <summary>What a form definition must be: a slug id, a name, a way to reach the client.</summary>
public static partial class WebFormRules
{
    public const int MaxForms = 100;
    private const int MaxName = 100;
    private const int MaxSuccessText = 500;

    public static WebForm Check(WebForm? form)
    {
        if (form is null) throw CrmException.Invalid("body_required", "Send the form: {id, name, responsibleId, askName, askEmail, askPhone, askMessage, successText, active}.");
        var id = (form.Id ?? "").Trim();
        if (!Slug().IsMatch(id))
            throw CrmException.Invalid("invalid_form_id", "A form id is 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit.", "id");
        var name = (form.Name ?? "").Trim();
        if (name.Length is 0 or > MaxName)
            throw CrmException.Invalid(name.Length == 0 ? "name_required" : "name_too_long", $"A form needs a name of at most {MaxName} characters.", "name");
        if (!form.AskEmail && !form.AskPhone)
            throw CrmException.Invalid("no_way_to_reach", "A form must ask for an e-mail or a phone: that is how the client is found or reached.", "askEmail");
        var success = (form.SuccessText ?? "").Trim();
        if (success.Length is 0 or > MaxSuccessText)
            throw CrmException.Invalid("invalid_success_text", $"The text shown after sending is 1 to {MaxSuccessText} characters.", "successText");
        return form with { Id = id, Name = name, SuccessText = success };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Slug();
}
