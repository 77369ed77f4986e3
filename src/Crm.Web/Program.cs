using Crm.Web.Hosting;

await CrmWebApp.Build(args).RunAsync();

/// <summary>Entry point; public so tests can name the assembly.</summary>
public partial class Program;
