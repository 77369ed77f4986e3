using Crm.Grains.Common;

namespace Crm.Grains.Tests.Common;

public class ContactPointsTests
{
    [Theory]
    [InlineData("+386 (1) 234-5678", "+38612345678")]
    [InlineData("041 555 666", "041555666")]
    [InlineData("  555.0100  ", "5550100")]
    [InlineData("12345", "12345")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void Phones_reduce_to_their_digits_with_the_plus_kept(string typed, string digits) =>
        Assert.Equal(digits, ContactPoints.PhoneDigits(typed));

    [Theory]
    [InlineData("+386 1 234 5678", "12345678")]
    [InlineData("00386 1 234 5678", "12345678")]
    [InlineData("01 234 5678", "12345678")]
    [InlineData("+1 (555) 010-0199", "50100199")]
    [InlineData("555 0199", "5550199")]
    public void International_and_national_forms_of_a_number_share_its_match_key(string typed, string key) =>
        Assert.Equal(key, ContactPoints.PhoneKey(typed));

    [Theory]
    [InlineData("1234")]                 // too short
    [InlineData("1234567890123456")]     // longer than E.164 allows
    [InlineData("555-0100 ext 2")]      // letters
    [InlineData("++44 20 7946 0000")]   // a second plus
    [InlineData("44 + 20 7946")]         // a plus inside
    [InlineData("")]
    public void Text_that_is_not_a_phone_number_is_refused(string typed) =>
        Assert.Null(ContactPoints.PhoneDigits(typed));

    [Theory]
    [InlineData("Ann@Example.COM", "ann@example.com")]
    [InlineData(" ann.lee+crm@mail.example.org ", "ann.lee+crm@mail.example.org")]
    public void Emails_are_lower_cased(string typed, string normal) =>
        Assert.Equal(normal, ContactPoints.NormalEmail(typed));

    [Theory]
    [InlineData("ann")]
    [InlineData("ann@")]
    [InlineData("@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("ann@example.")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@example.com, bob@example.com")]
    [InlineData("ann lee@example.com")]
    public void Text_that_is_not_one_plain_address_is_refused(string typed) =>
        Assert.Null(ContactPoints.NormalEmail(typed));

    [Fact]
    public void Emails_cannot_be_mobile_and_every_error_names_its_position()
    {
        var e = Assert.Throws<CrmException>(() => ContactPoints.CheckEmails([new("a@b.example", ContactPointType.Work), new("c@d.example", ContactPointType.Mobile)]));
        Assert.Equal(("invalid_type", "emails[1].type"), (e.Code, e.Field));
        e = Assert.Throws<CrmException>(() => ContactPoints.CheckPhones([new("12345", ContactPointType.Mobile), new("x", ContactPointType.Home)]));
        Assert.Equal(("invalid_phone", "phones[1].value"), (e.Code, e.Field));
        e = Assert.Throws<CrmException>(() => ContactPoints.CheckPhones([new("12345", (ContactPointType)9)]));
        Assert.Equal("invalid_type", e.Code);
    }

    [Fact]
    public void At_most_twenty_values_and_none_empty()
    {
        var many = Enumerable.Range(0, 21).Select(i => new ContactPoint($"5550{i:000}", ContactPointType.Work)).ToList();
        Assert.Equal("too_many_values", Assert.Throws<CrmException>(() => ContactPoints.CheckPhones(many)).Code);
        Assert.Equal("invalid_value", Assert.Throws<CrmException>(() => ContactPoints.CheckPhones([new("  ", ContactPointType.Work)])).Code);
        Assert.Empty(ContactPoints.CheckPhones(null));
    }
}
