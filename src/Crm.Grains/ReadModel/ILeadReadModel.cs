using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.ReadModel;

/// <summary>The leads table and the leads' timeline.</summary>
public interface ILeadReadModel : IRecordReadModel<Lead>;
