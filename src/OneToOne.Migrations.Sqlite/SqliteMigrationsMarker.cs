namespace OneToOne.Migrations.Sqlite;

/// <summary>Names this assembly's migrations: each carries [DbContext(typeof(SqliteMigrationsMarker))].</summary>
public static class SqliteMigrationsMarker
{
}
