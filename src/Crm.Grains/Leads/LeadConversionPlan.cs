using Crm.Grains.Companies;
using Crm.Grains.Contacts;
using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Leads;

/// <summary>
/// The records a conversion will create, built from the lead and the request and checked by each
/// record's own rules (custom values by <see cref="ConversionCustom"/>) before anything is created.
/// Kept in the lead's state while the conversion runs.
/// </summary>
public sealed record LeadConversionPlan(ContactFields? Contact, CompanyFields? Company, DealFields? Deal, long? PipelineId)
{
    public static LeadConversionPlan Make(Lead lead, LeadConversionRequest request, IReadOnlyList<LeadStatus> statuses,
        IReadOnlyList<ListItem> contactTypes, IReadOnlyList<ListItem> companyTypes, IReadOnlyList<ListItem> industries, IReadOnlyList<CustomField> customFields)
    {
        var semantic = statuses.FirstOrDefault(s => s.Id == lead.StatusId)?.Semantic;
        if (semantic == LeadStatusSemantic.Converted)
            throw CrmException.Conflict("lead_converted", "The lead has already been converted.");
        if (semantic == LeadStatusSemantic.Junk)
            throw CrmException.Invalid("lead_is_junk", "A junk lead cannot be converted; move it back to a status in progress first.", "statusId");
        if (!request.Contact && !request.Company && !request.Deal)
            throw CrmException.Invalid("nothing_to_convert", "Choose at least one of contact, company and deal.", "contact");

        var f = lead.Fields;
        ContactFields? contact = null;
        if (request.Contact)
        {
            var first = request.ContactFirstName ?? f.FirstName;
            var last = request.ContactLastName ?? f.LastName;
            if (string.IsNullOrWhiteSpace(first) && string.IsNullOrWhiteSpace(last))
                throw CrmException.Invalid("contact_name_required", "The lead has no person's name: give the contact's first or last name.", "contactFirstName");
            var type = contactTypes.Any(t => t.Id == "CLIENT") ? "CLIENT" : "";
            contact = ContactRules.Check(new ContactFields(first ?? "", f.ResponsibleId, f.SecondName, last ?? "", type, "", f.Phones, f.Emails, null, f.Comments,
                ConversionCustom.Check("contact", request.ContactCustom, customFields)), contactTypes);
        }

        CompanyFields? company = null;
        if (request.Company)
        {
            var title = request.CompanyTitle ?? f.CompanyName;
            if (string.IsNullOrWhiteSpace(title))
                throw CrmException.Invalid("company_name_required", "The lead has no company name: give the company's name.", "companyTitle");
            // A company gets the lead's phones and e-mails only when no contact takes them.
            company = CompanyRules.Check(new CompanyFields(title, f.ResponsibleId, Phones: contact is null ? f.Phones : null,
                Emails: contact is null ? f.Emails : null, Currency: f.Currency, Custom: ConversionCustom.Check("company", request.CompanyCustom, customFields)),
                companyTypes, industries);
        }

        DealFields? deal = null;
        if (request.Deal)
            deal = DealRules.Check(new DealFields(request.DealTitle ?? f.Title, f.Amount, f.Currency, f.ResponsibleId, Comments: f.Comments,
                Custom: ConversionCustom.Check("deal", request.DealCustom, customFields)));

        return new LeadConversionPlan(contact, company, deal, request.PipelineId);
    }
}
