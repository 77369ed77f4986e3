using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Crm.Web.Live;

namespace Crm.Web.Tests;

/// <summary>What a lead or contact event becomes for a user who may see only their own records, and no junk leads.</summary>
public sealed class LiveAccessShapeTests
{
    private static readonly AccessProfile Seller = new(1, 7, false, 1,
        [new Role(1, "Seller", [
            new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.Own),
            new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.None, StageId: "JUNK"),
            new Permission(AccessEntity.Contact, AccessAction.Read, AccessScope.Own)])], [], []);

    private static Lead LeadOf(int responsible, string status) =>
        new(1, 42, status, new LeadFields("A lead", responsible), DateTimeOffset.UnixEpoch, 1, DateTimeOffset.UnixEpoch, 1, 3);

    [Fact]
    public void A_lead_event_arrives_as_is_when_visible_as_removed_when_it_leaves_the_users_reach_and_not_at_all_otherwise()
    {
        var own = new LeadChanged(LeadChangeKind.Updated, LeadOf(7, "NEW"), "NEW", 7);
        Assert.Same(own, LiveAccess.Shape(Seller, own));

        var junked = LiveAccess.Shape(Seller, new LeadChanged(LeadChangeKind.StatusChanged, LeadOf(7, "JUNK"), "NEW", 7));
        Assert.Equal((LeadChangeKind.Deleted, "NEW"), (junked!.Kind, junked.Lead.StatusId));

        var handedOver = LiveAccess.Shape(Seller, new LeadChanged(LeadChangeKind.Updated, LeadOf(8, "NEW"), "NEW", 7));
        Assert.Equal((LeadChangeKind.Deleted, 7), (handedOver!.Kind, handedOver.Lead.Fields.ResponsibleId));

        Assert.Null(LiveAccess.Shape(Seller, new LeadChanged(LeadChangeKind.Created, LeadOf(8, "NEW"), null)));
        Assert.Null(LiveAccess.Shape(Seller, new LeadChanged(LeadChangeKind.Updated, LeadOf(8, "NEW"), "NEW", 8)));
        Assert.NotNull(LiveAccess.Shape(null, new LeadChanged(LeadChangeKind.Created, LeadOf(8, "NEW"), null)));
    }

    [Fact]
    public void A_contact_event_follows_its_responsible_and_companies_are_not_readable_at_all()
    {
        Assert.NotNull(LiveAccess.Shape(Seller, new RecordChanged("contacts", 1, 5, 2, false, 7, 7)));
        var handedOver = LiveAccess.Shape(Seller, new RecordChanged("contacts", 1, 5, 3, false, 8, 7));
        Assert.True(handedOver!.Deleted);
        Assert.Null(LiveAccess.Shape(Seller, new RecordChanged("contacts", 1, 6, 1, false, 8)));
        Assert.Null(LiveAccess.Shape(Seller, new RecordChanged("companies", 1, 9, 1, false, 7)));
    }
}
