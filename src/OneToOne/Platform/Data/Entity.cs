namespace OneToOne.Platform.Data;

/// <summary>A row that belongs to one partner organisation. The tenancy filter and index layout key off this.</summary>
public interface ITenantOwned
{
    Guid OrganisationId { get; set; }
}

/// <summary>An editable aggregate with an optimistic concurrency token, renewed on every save.
/// A Guid works the same on SQLite and PostgreSQL (neither shares SQL Server's rowversion).</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
