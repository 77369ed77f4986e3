using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Tests.Automation.RobotTestData;

namespace Crm.Grains.Tests.Automation;

public class RobotTemplateTests
{
    [Fact]
    public void Variables_are_found_once_each_in_order_and_braces_around_non_names_are_plain_text()
    {
        Assert.Equal(["title", "amount", "UF_CRM_1"],
            RobotTemplate.Variables("Hi {{title}}: {{ amount }} {{Title}} {{UF_CRM_1}} {{ two words }} {{}} {{1x}} {single}"));
        Assert.Empty(RobotTemplate.Variables(null));
        Assert.Empty(RobotTemplate.Variables("no variables"));
    }

    [Fact]
    public void Rendering_puts_the_records_values_in_as_people_read_them()
    {
        var text = RobotTemplate.Render(
            "{{title}} for {{amount}} {{currency}}, budget {{UF_CRM_1}}, region {{UF_CRM_3}}, priority {{UF_CRM_4}}, close {{closeDate}}, by {{ responsible }}; size {{UF_CRM_7}}.",
            Values, Catalogue);
        Assert.Equal("Big order for 1500.50 EUR, budget 2500.00 EUR, region South, priority yes, close 2026-06-30, by Anna Smith; size .", text);
    }

    [Fact]
    public void Values_go_in_as_plain_text_without_encoding()
    {
        var values = RobotFieldValues.Of(Deal with { Title = "<b>A & B</b> {{amount}}" });
        Assert.Equal("Deal <b>A & B</b> {{amount}}!", RobotTemplate.Render("Deal {{title}}!", values, Catalogue));
    }

    [Fact]
    public void Variable_names_ignore_case_and_a_variable_whose_field_was_deleted_renders_empty()
    {
        Assert.Equal("Big order / ", RobotTemplate.Render("{{TITLE}} / {{UF_CRM_99}}", Values, Catalogue));
        Assert.Equal("", RobotTemplate.Render(null, Values, Catalogue));
    }

    [Fact]
    public void An_unknown_variable_is_found_and_refused_when_the_robot_is_saved()
    {
        Assert.Equal("nope", RobotTemplate.FirstUnknown("{{title}} {{nope}}", Catalogue));
        Assert.Null(RobotTemplate.FirstUnknown("{{title}} {{UF_CRM_2}}", Catalogue));
        // A lead's custom field is not a deal variable.
        Assert.Equal("UF_CRM_9", RobotTemplate.FirstUnknown("{{UF_CRM_9}}", Catalogue));

        var e = Refusal(Robot(RobotAction.SendEmail, new RobotSettings(Subject: "Hello {{title}}", Body: "Dear {{clientName}}")));
        Assert.Equal("unknown_template_variable", e.Code);
        Assert.Equal("settings.body", e.Field);
        Assert.Contains("{{clientName}}", e.Message);
    }
}
