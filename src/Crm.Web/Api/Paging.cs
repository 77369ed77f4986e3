namespace Crm.Web.Api;

/// <summary>The page query parameters of every list endpoint: page from 1, 50 rows unless asked, at most 500.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public static Paging Of(int? page, int? pageSize)
    {
        var size = Math.Clamp(pageSize ?? 50, 1, 500);
        return new Paging(Math.Max(0, (page ?? 1) - 1) * size, size);
    }
}
