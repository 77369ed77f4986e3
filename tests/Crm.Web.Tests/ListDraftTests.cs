using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Settings;
using Crm.Web.Settings;

namespace Crm.Web.Tests;

/// <summary>How the settings page edits a list before saving it.</summary>
public class ListDraftTests
{
    [Fact]
    public void A_new_status_goes_after_the_last_in_progress_status_and_gets_an_id_from_its_name()
    {
        var draft = ListDraft.Of(DefaultLists.LeadStatuses);
        var row = draft.Add(" Meeting set ");
        Assert.Equal(("", "Meeting set", LeadStatusSemantic.InProgress), (row.Id, row.Name, row.Semantic));

        var statuses = draft.Statuses();
        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "MEETING_SET", "CONVERTED", "JUNK"], statuses.Select(s => s.Id));
        Assert.Equal(ListDraft.NewStatusColor, statuses[3].Color);
        Assert.Equal(statuses, ListRules.CheckLeadStatuses(statuses));
    }

    [Fact]
    public void New_items_named_like_existing_ones_get_unique_ids()
    {
        var draft = ListDraft.Of(CrmListKind.LeadSources, [new ListItem("CALL", "Call")]);
        draft.Add("Call");
        draft.Add("call");
        Assert.Equal(["CALL", "CALL_2", "CALL_3"], draft.Items().Select(i => i.Id));
    }

    [Fact]
    public void Rows_move_up_and_down_within_the_list_and_are_removed_by_index()
    {
        var draft = ListDraft.Of(CrmListKind.ContactTypes, DefaultLists.ContactTypes);
        draft.Move(0, -1);
        draft.Move(3, 1);
        draft.Move(1, -1);
        draft.Remove(3);
        draft.Remove(9);
        Assert.Equal(["SUPPLIER", "CLIENT", "PARTNER"], draft.Items().Select(i => i.Id));
        draft.Rows[0].Name = "Vendor";
        Assert.Equal(new ListItem("SUPPLIER", "Vendor"), draft.Items()[0]);
    }
}
