using Microsoft.EntityFrameworkCore;

namespace OneToOne.Migrations.Postgres;

/// <summary>Names this assembly's migrations: each carries [DbContext(typeof(PostgresMigrationsMarker))].
/// Never used as a context; it derives from DbContext only because EF's design-time tools treat every type
/// named in a [DbContext] attribute as a context (docs/adr/0003-two-migration-sets.md).</summary>
public sealed class PostgresMigrationsMarker : DbContext
{
}
