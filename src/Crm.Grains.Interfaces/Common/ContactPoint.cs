namespace Crm.Grains.Interfaces.Common;

/// <summary>One phone number or e-mail address of a person or company, with its kind (Bitrix24's multi-fields).</summary>
[GenerateSerializer, Immutable, Alias("crm.contact-point")]
public sealed record ContactPoint(
    [property: Id(0)] string Value,
    [property: Id(1)] ContactPointType Type);

/// <summary>The kind of a phone or e-mail. E-mails are work, home or other; phones any of these.</summary>
[GenerateSerializer]
public enum ContactPointType
{
    Work = 0,
    Mobile = 1,
    Home = 2,
    Other = 3,
}
