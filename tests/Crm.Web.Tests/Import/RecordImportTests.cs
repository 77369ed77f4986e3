using System.Text;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Settings;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

/// <summary>Rows to records: values by id or name, numbers, the records' own rules with the column at fault, merging.</summary>
public sealed class RecordImportTests
{
    private static readonly ImportContext Context = new(new RequestUser(1, 7), new Crm.Grains.Interfaces.Access.AccessProfile(1, 7, true, 1, [], [], []), DefaultLists.LeadStatuses, DefaultLists.LeadSources,
        DefaultLists.ContactTypes, DefaultLists.CompanyTypes, DefaultLists.Industries,
        [new UserSummary(7, "Anna Admin", "anna@example.com", true), new UserSummary(8, "Bob Seller", "bob@example.com", true)], [], new Dictionary<string, Crm.Web.Access.ReadableRows>());

    /// <summary>Each row of the CSV text built and checked as a lead; the record or the error.</summary>
    private static IReadOnlyList<(ImportedLead? Lead, RowError? Error)> Leads(string csv)
    {
        var file = CsvFileReader.Read(Encoding.UTF8.GetBytes(csv));
        var mapping = ColumnMapper.Resolve(file.Headers, ImportFields.Leads, null);
        return file.Rows.Select(row =>
        {
            RowValues? values = null;
            try
            {
                values = RowValues.Of(row, mapping);
                return ((ImportedLead?)LeadImport.Instance.Check(LeadImport.Instance.Build(values, Context), Context), (RowError?)null);
            }
            catch (RowRefused refused)
            {
                return (null, refused.Error);
            }
            catch (CrmException e)
            {
                return (null, RowValues.ErrorOf(e, values));
            }
        }).ToList();
    }

    [Fact]
    public void A_row_becomes_a_lead_with_list_values_matched_by_id_or_name_and_several_phone_columns()
    {
        var (lead, error) = Leads("""
            Name,Last name,Work phone,Mobile phone,E-mail,Source,Status,Amount,Currency,Responsible,Comments
            Ann,Lee,"+44 20 7946 0018; +44 20 7946 0019",07700 900123,ANN@harbour.example,website,In process,"1,200.50",eur,bob@example.com,"Met at the fair
            Call back in May"
            """)[0];
        Assert.Null(error);
        var f = lead!.Fields;
        Assert.Equal(("Ann Lee", "WEB", "IN_PROCESS", 1200.50m, "EUR", 8), (f.Title, f.SourceId, lead.StatusId, f.Amount, f.Currency, f.ResponsibleId));
        Assert.Equal([new("+44 20 7946 0018", ContactPointType.Work), new("+44 20 7946 0019", ContactPointType.Work), new("07700 900123", ContactPointType.Mobile)], f.Phones!);
        Assert.Equal("ann@harbour.example", Assert.Single(f.Emails!).Value);
        Assert.Equal("Met at the fair\nCall back in May", f.Comments.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Rows_that_break_a_rule_fail_with_the_rules_code_and_the_column_at_fault()
    {
        var results = Leads("""
            Title,Work phone,Mobile phone,Source,Status,Amount,Responsible
            Bad phone,+44 20 7946 0018,call me,,,,
            Bad source,,,Telepathy,,,
            Bad status,,,,Good lead,,
            Bad amount,,,,,lots,
            Bad user,,,,,,nobody@example.com
            "Two
            lines",,,,,,
            =HYPERLINK("x"),,,,,,
            Fine,,,,,-0,
            """);
        (string, string?)[] expected =
        [
            ("invalid_phone", "Mobile phone"), ("unknown_source", "Source"), ("status_not_allowed", "Status"), ("invalid_number", "Amount"),
            ("unknown_responsible", "Responsible"), ("title_not_single_line", "Title"), ("formula_payload", "Title"),
        ];
        Assert.Equal(expected, results.Take(7).Select(r => (r.Error!.Code, r.Error.Column)));
        Assert.NotNull(results[7].Lead);
    }

    [Fact]
    public void A_lead_is_matched_by_its_person_or_when_it_has_none_by_its_company()
    {
        var rows = Leads("""
            First name,Last name,Company,Phone,E-mail
            Ann, Lee ,Harbour Foods,+44 (20) 7946-0018,Ann@Harbour.example
            ,,  harbour   FOODS ,,
            """);
        var person = LeadImport.Instance.Keys(rows[0].Lead!);
        Assert.Equal(["79460018"], person.Phones);
        Assert.Equal(["ann@harbour.example"], person.Emails);
        Assert.Equal(("ann lee", ""), (person.Person, person.Company));
        var company = LeadImport.Instance.Keys(rows[1].Lead!);
        Assert.Equal(("", "harbour foods"), (company.Person, company.Company));
    }

    [Theory]
    [InlineData("1200.5", 1200.5)]
    [InlineData("1,200.50", 1200.50)]
    [InlineData("1 200,50", 1200.50)]
    [InlineData("1.200,50", 1200.50)]
    [InlineData("1,200", 1200)]
    [InlineData("12,5", 12.5)]
    [InlineData("", 0)]
    public void Numbers_are_read_as_people_write_them(string cell, decimal expected) =>
        Assert.Equal(expected, ImportValues.Number(cell, "amount"));

    [Fact]
    public void Merging_fills_empty_fields_and_adds_the_phones_and_emails_the_record_lacks()
    {
        var existing = new LeadFields("Ann Lee", 7, FirstName: "Ann", LastName: "Lee",
            Phones: [new("+44 20 7946 0018", ContactPointType.Work)], Emails: [new("ann@harbour.example", ContactPointType.Work)], Comments: "Keep me");
        var row = new LeadFields("Other title", 8, FirstName: "Annie", CompanyName: "Harbour Foods", SourceId: "WEB",
            Phones: [new("+44 (20) 7946-0018", ContactPointType.Mobile), new("+44 20 7946 0099", ContactPointType.Mobile)],
            Emails: [new("ANN@harbour.example", ContactPointType.Home), new("ann.lee@home.example", ContactPointType.Home)],
            Amount: 500, Currency: "EUR", Comments: "Not me");
        var merged = LeadImport.Merge(existing, row);
        Assert.Equal(("Ann Lee", "Ann", "Harbour Foods", "WEB", 500m, "EUR", "Keep me", 7),
            (merged.Title, merged.FirstName, merged.CompanyName, merged.SourceId, merged.Amount, merged.Currency, merged.Comments, merged.ResponsibleId));
        Assert.Equal(["+44 20 7946 0018", "+44 20 7946 0099"], merged.Phones!.Select(p => p.Value));
        Assert.Equal(["ann@harbour.example", "ann.lee@home.example"], merged.Emails!.Select(p => p.Value));

        var contact = ContactImport.Merge(new ContactFields("Ann", 7, Address: new Address(City: "Leeds")),
            new ContactFields("Annie", 8, LastName: "Lee", Position: "Buyer", Address: new Address("1 Main St", "York")));
        Assert.Equal(("Ann", "Lee", "Buyer", "1 Main St", "Leeds"), (contact.FirstName, contact.LastName, contact.Position, contact.Address!.Street, contact.Address.City));
    }
}
