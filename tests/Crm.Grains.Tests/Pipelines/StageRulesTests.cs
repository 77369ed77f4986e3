using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Pipelines;

namespace Crm.Grains.Tests.Pipelines;

public class StageRulesTests
{
    private static readonly IReadOnlyList<Stage> Basic =
    [
        new("C1:NEW", "New", "#39A8EF", StageSemantic.InProgress),
        new("C1:WORK", "Work", "#47E4C2", StageSemantic.InProgress),
        new("C1:WON", "Won", "#7BD500", StageSemantic.Won),
        new("C1:LOSE", "Lost", "#FF5752", StageSemantic.Lost),
    ];

    private static string Code(Action act) => Assert.Throws<CrmException>(act).Code;

    [Fact]
    public void The_default_stages_form_a_valid_pipeline() =>
        StageRules.CheckStructure(DefaultStages.All.Select(d => new Stage(d.Code, d.Stage.Name, d.Stage.Color, d.Stage.Semantic)).ToList());

    [Fact]
    public void A_pipeline_needs_a_won_a_lost_and_an_in_progress_stage()
    {
        Assert.Equal("no_won_stage", Code(() => StageRules.CheckStructure(Basic.Where(s => s.Semantic != StageSemantic.Won).ToList())));
        Assert.Equal("no_lost_stage", Code(() => StageRules.CheckStructure(Basic.Where(s => s.Semantic != StageSemantic.Lost).ToList())));
        Assert.Equal("no_in_progress_stage", Code(() => StageRules.CheckStructure(Basic.Where(s => s.IsFinal).ToList())));
    }

    [Fact]
    public void The_first_stage_is_in_progress_and_final_stages_come_last()
    {
        Assert.Equal("final_before_in_progress", Code(() => StageRules.Reorder(Basic, ["C1:WON", "C1:NEW", "C1:WORK", "C1:LOSE"])));
        Assert.Equal("final_before_in_progress", Code(() => StageRules.Reorder(Basic, ["C1:NEW", "C1:WON", "C1:WORK", "C1:LOSE"])));
    }

    [Fact]
    public void Reordering_must_name_every_stage_once()
    {
        Assert.Equal("invalid_order", Code(() => StageRules.Reorder(Basic, ["C1:NEW", "C1:WON", "C1:LOSE"])));
        Assert.Equal("invalid_order", Code(() => StageRules.Reorder(Basic, ["C1:NEW", "C1:NEW", "C1:WON", "C1:LOSE"])));
        Assert.Equal("unknown_stage", Code(() => StageRules.Reorder(Basic, ["C1:NEW", "C1:X", "C1:WON", "C1:LOSE"])));
        Assert.Equal(["C1:WORK", "C1:NEW", "C1:WON", "C1:LOSE"], StageRules.Reorder(Basic, ["C1:WORK", "C1:NEW", "C1:WON", "C1:LOSE"]).Select(s => s.Id));
    }

    [Fact]
    public void The_last_won_lost_or_in_progress_stage_cannot_be_removed()
    {
        Assert.Equal("last_won_stage", Code(() => StageRules.Remove(Basic, "C1:WON")));
        Assert.Equal("last_lost_stage", Code(() => StageRules.Remove(Basic, "C1:LOSE")));
        var oneInProgress = StageRules.Remove(Basic, "C1:WORK");
        Assert.Equal("last_in_progress_stage", Code(() => StageRules.Remove(oneInProgress, "C1:NEW")));
        Assert.Equal("unknown_stage", Code(() => StageRules.Remove(Basic, "C2:NEW")));
    }

    [Fact]
    public void A_new_stage_goes_after_the_stages_of_its_kind_unless_placed()
    {
        var inProgress = StageRules.Add(Basic, new Stage("C1:S1", "Offer", "#FFFFFF", StageSemantic.InProgress), null);
        Assert.Equal(["C1:NEW", "C1:WORK", "C1:S1", "C1:WON", "C1:LOSE"], inProgress.Select(s => s.Id));
        var won = StageRules.Add(Basic, new Stage("C1:S2", "Won big", "#FFFFFF", StageSemantic.Won), null);
        Assert.Equal(["C1:NEW", "C1:WORK", "C1:WON", "C1:S2", "C1:LOSE"], won.Select(s => s.Id));
        var placed = StageRules.Add(Basic, new Stage("C1:S3", "Intake", "#FFFFFF", StageSemantic.InProgress), 0);
        Assert.Equal("C1:S3", placed[0].Id);
        Assert.Equal("final_before_in_progress", Code(() => StageRules.Add(Basic, new Stage("C1:S4", "Late", "#FFFFFF", StageSemantic.InProgress), 4)));
        Assert.Equal("invalid_index", Code(() => StageRules.Add(Basic, new Stage("C1:S5", "X", "#FFFFFF", StageSemantic.InProgress), 9)));
    }

    [Theory]
    [InlineData("", "name_required")]
    [InlineData("   ", "name_required")]
    [InlineData("123456789012345678901234567890123456789012345678901", "name_too_long")]
    public void Stage_names_are_required_and_bounded(string name, string code) =>
        Assert.Equal(code, Code(() => StageRules.CheckName(name)));

    [Theory]
    [InlineData("red")]
    [InlineData("#12345")]
    [InlineData("#GGGGGG")]
    [InlineData("")]
    public void Colours_are_hex(string color) => Assert.Equal("invalid_color", Code(() => StageRules.CheckColor(color)));

    [Fact]
    public void Valid_names_and_colours_are_normalised()
    {
        Assert.Equal("Offer", StageRules.CheckName("  Offer "));
        Assert.Equal("#ABCDEF", StageRules.CheckColor("#abcdef"));
    }
}
