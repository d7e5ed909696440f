namespace OneToOne.Migrations.Postgres;

/// <summary>Names this assembly's migrations: each carries [DbContext(typeof(PostgresMigrationsMarker))].</summary>
public static class PostgresMigrationsMarker
{
}
