using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

/// <summary>Suggested mappings from header names, the user's choices over them, and the file-level checks.</summary>
public sealed class ColumnMapperTests
{
    private static IReadOnlyList<string?> Keys(ColumnMapping mapping) => mapping.Targets.Select(t => t?.Key).ToList();

    [Fact]
    public void Bitrix24_lead_export_headers_are_recognised()
    {
        string[] headers = ["ID", "Lead name", "Name", "Last name", "Company name", "Work phone", "Mobile phone", "Work e-mail", "Source", "Status", "Comment", "Responsible person"];
        Assert.Equal(
            [null, "title", "firstName", "lastName", "companyName", "phones.work", "phones.mobile", "emails.work", "sourceId", "statusId", "comments", "responsibleId"],
            Keys(ColumnMapper.Suggest(headers, ImportFields.Leads)));
    }

    [Fact]
    public void Api_names_and_english_labels_are_recognised_ignoring_case_spaces_and_punctuation()
    {
        string[] headers = ["first_name", "LAST NAME", "E-mail", "Phone", "Company", "utm_source", "Notes"];
        Assert.Equal(["firstName", "lastName", "emails.work", "phones.work", "companyName", "utm.source", "comments"],
            Keys(ColumnMapper.Suggest(headers, ImportFields.Leads)));
    }

    [Fact]
    public void The_same_header_means_what_the_record_type_means_by_it()
    {
        Assert.Equal(["title", "typeId"], Keys(ColumnMapper.Suggest(["Name", "Type"], ImportFields.Companies)));
        Assert.Equal(["firstName", "typeId"], Keys(ColumnMapper.Suggest(["Name", "Type"], ImportFields.Contacts)));
        // A label wins over another name for the same field; the later column is left unmapped.
        Assert.Equal([null, "firstName"], Keys(ColumnMapper.Suggest(["Name", "First name"], ImportFields.Contacts)));
    }

    [Fact]
    public void Several_phone_and_email_columns_all_add_to_the_lists()
    {
        var mapping = ColumnMapper.Resolve(["Title", "Phone", "Phone 2", "Email", "Email (2)"], ImportFields.Leads,
            new Dictionary<string, string?> { ["Phone 2"] = "phones.mobile", ["Email (2)"] = "emails.work" });
        Assert.Equal(["title", "phones.work", "phones.mobile", "emails.work", "emails.work"], Keys(mapping));
    }

    [Fact]
    public void The_users_choices_override_the_suggestion_and_take_a_field_away_from_a_suggested_column()
    {
        var mapping = ColumnMapper.Resolve(["Title", "Deal name", "Phone", "Remarks"], ImportFields.Leads,
            new Dictionary<string, string?> { ["deal name"] = "title", ["Phone"] = null, ["Remarks"] = "comments" });
        Assert.Equal([null, "title", null, "comments"], Keys(mapping));
        Assert.Equal("Deal name", mapping.ColumnOf("title"));
    }

    [Fact]
    public void A_file_without_any_required_column_is_refused_with_what_is_needed()
    {
        var lead = Assert.Throws<CrmException>(() => ColumnMapper.Resolve(["Phone", "E-mail"], ImportFields.Leads, null));
        Assert.Equal(("missing_columns", "mapping"), (lead.Code, lead.Field));
        Assert.Contains("Title, First name, Last name or Company name", lead.Message);
        Assert.Contains("Phone, E-mail", lead.Message);

        var contact = Assert.Throws<CrmException>(() => ColumnMapper.Resolve(["Company", "Phone"], ImportFields.Contacts, null));
        Assert.Contains("First name or Last name", contact.Message);
        var company = Assert.Throws<CrmException>(() => ColumnMapper.Resolve(["Title", "Phone"], ImportFields.Companies,
            new Dictionary<string, string?> { ["Title"] = null }));
        Assert.Contains("Company name", company.Message);
    }

    [Fact]
    public void Unknown_columns_unknown_fields_and_two_columns_for_one_field_are_refused()
    {
        string[] headers = ["Title", "Name"];
        Assert.Equal("unknown_column", Assert.Throws<CrmException>(() =>
            ColumnMapper.Resolve(headers, ImportFields.Leads, new Dictionary<string, string?> { ["Surname"] = "lastName" })).Code);
        Assert.Equal("unknown_field", Assert.Throws<CrmException>(() =>
            ColumnMapper.Resolve(headers, ImportFields.Leads, new Dictionary<string, string?> { ["Name"] = "shoeSize" })).Code);
        var twice = Assert.Throws<CrmException>(() =>
            ColumnMapper.Resolve(headers, ImportFields.Leads, new Dictionary<string, string?> { ["Title"] = "firstName", ["Name"] = "firstName" }));
        Assert.Equal("duplicate_mapping", twice.Code);
        Assert.Contains("'Title' and 'Name'", twice.Message);
    }
}
