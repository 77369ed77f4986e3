using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Pipelines;

/// <summary>The stages a new pipeline starts with, after Bitrix24's default deal pipeline.</summary>
public static class DefaultStages
{
    public static IReadOnlyList<(string Code, NewStage Stage)> All { get; } =
    [
        ("NEW", new NewStage("New", "#39A8EF", StageSemantic.InProgress)),
        ("PREPARATION", new NewStage("Preparing documents", "#2FC6F6", StageSemantic.InProgress)),
        ("PREPAYMENT_INVOICE", new NewStage("Invoice prepayment", "#55D0E0", StageSemantic.InProgress)),
        ("EXECUTING", new NewStage("In progress", "#47E4C2", StageSemantic.InProgress)),
        ("FINAL_INVOICE", new NewStage("Final invoice", "#FFA900", StageSemantic.InProgress)),
        ("WON", new NewStage("Deal won", "#7BD500", StageSemantic.Won)),
        ("LOSE", new NewStage("Deal lost", "#FF5752", StageSemantic.Lost)),
        ("APOLOGY", new NewStage("Analyse failure", "#FF5752", StageSemantic.Lost)),
    ];
}
