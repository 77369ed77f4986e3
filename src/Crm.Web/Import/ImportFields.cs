using Crm.Grains.Interfaces.CustomFields;
using static Crm.Web.Import.ImportValue;

namespace Crm.Web.Import;

/// <summary>
/// The fields each record type can import, as data: a portal's custom fields of the record type are
/// added after the standard ones (keyed by their codes) without changing how files are read, mapped or checked.
/// </summary>
public static class ImportFields
{
    public static ImportFieldSet For(ImportKind kind) => kind switch
    {
        ImportKind.Leads => Leads,
        ImportKind.Contacts => Contacts,
        _ => Companies,
    };

    /// <summary>The standard fields of <paramref name="kind"/> and the custom fields among <paramref name="custom"/> of its record type.</summary>
    public static ImportFieldSet For(ImportKind kind, IEnumerable<CustomField> custom)
    {
        var set = For(kind); // its record name is the custom fields' record kind: "lead"
        return set with { Fields = [.. set.Fields, .. custom.Where(f => f.RecordKind == set.RecordName).Select(ImportField.Of)] };
    }

    public static readonly ImportFieldSet Leads = new(ImportKind.Leads, "lead",
    [
        new("title", "Title", Text, ["Lead name", "Lead title"]),
        new("firstName", "First name", Text, ["Name", "Given name"]),
        new("secondName", "Second name", Text, ["Middle name", "Patronymic"]),
        new("lastName", "Last name", Text, ["Surname", "Family name"]),
        new("companyName", "Company name", Text, ["Company", "Organization", "Organisation"]),
        .. PhonesAndEmails(),
        new("statusId", "Status", Choice, ["Lead status", "Stage"]),
        new("sourceId", "Source", Choice, ["Lead source"]),
        new("sourceDescription", "Source information", MultiLineText, ["Source description"]),
        new("amount", "Amount", Number, ["Opportunity", "Total", "Budget"]),
        new("currency", "Currency", Text, []),
        new("responsibleId", "Responsible", User, ["Responsible person", "Assigned to", "Owner"]),
        new("comments", "Comments", MultiLineText, ["Comment", "Notes", "Note", "Description"]),
        new("utm.source", "UTM source", Text, ["utm_source"]),
        new("utm.medium", "UTM medium", Text, ["utm_medium"]),
        new("utm.campaign", "UTM campaign", Text, ["utm_campaign"]),
        new("utm.content", "UTM content", Text, ["utm_content"]),
        new("utm.term", "UTM term", Text, ["utm_term"]),
    ], ["title", "firstName", "lastName", "companyName"]);

    public static readonly ImportFieldSet Contacts = new(ImportKind.Contacts, "contact",
    [
        new("firstName", "First name", Text, ["Name", "Given name"]),
        new("secondName", "Second name", Text, ["Middle name", "Patronymic"]),
        new("lastName", "Last name", Text, ["Surname", "Family name"]),
        new("typeId", "Contact type", Choice, ["Type"]),
        new("position", "Position", Text, ["Job title"]),
        .. PhonesAndEmails(),
        .. Address(),
        new("responsibleId", "Responsible", User, ["Responsible person", "Assigned to", "Owner"]),
        new("comments", "Comments", MultiLineText, ["Comment", "Notes", "Note", "Description"]),
    ], ["firstName", "lastName"]);

    public static readonly ImportFieldSet Companies = new(ImportKind.Companies, "company",
    [
        new("title", "Company name", Text, ["Name", "Company", "Title", "Organization", "Organisation"]),
        new("typeId", "Company type", Choice, ["Type"]),
        new("industryId", "Industry", Choice, ["Sector"]),
        new("revenue", "Annual revenue", Number, ["Revenue", "Annual income"]),
        new("currency", "Currency", Text, []),
        new("taxId", "Tax id", Text, ["Tax number", "VAT number", "VAT", "INN"]),
        .. PhonesAndEmails(),
        .. Address(),
        new("responsibleId", "Responsible", User, ["Responsible person", "Assigned to", "Owner"]),
        new("comments", "Comments", MultiLineText, ["Comment", "Notes", "Note", "Description"]),
    ], ["title"]);

    private static IEnumerable<ImportField> PhonesAndEmails() =>
    [
        new("phones.work", "Work phone", Phone, ["Phone", "Telephone", "Phone number", "Business phone"], ContactPointType.Work),
        new("phones.mobile", "Mobile phone", Phone, ["Mobile", "Cell phone", "Cell"], ContactPointType.Mobile),
        new("phones.home", "Home phone", Phone, ["Private phone"], ContactPointType.Home),
        new("phones.other", "Other phone", Phone, [], ContactPointType.Other),
        new("emails.work", "Work e-mail", Email, ["E-mail", "Email address", "E-mail address", "Business e-mail"], ContactPointType.Work),
        new("emails.home", "Home e-mail", Email, ["Private e-mail", "Personal e-mail"], ContactPointType.Home),
        new("emails.other", "Other e-mail", Email, [], ContactPointType.Other),
    ];

    private static IEnumerable<ImportField> Address() =>
    [
        new("address.street", "Street", Text, ["Address", "Street address"]),
        new("address.city", "City", Text, ["Town"]),
        new("address.postalCode", "Postal code", Text, ["Zip", "Zip code", "Postcode"]),
        new("address.region", "Region", Text, ["State", "Province"]),
        new("address.country", "Country", Text, []),
    ];
}
